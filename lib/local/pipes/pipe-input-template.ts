import {
  InvalidInputTransformerError,
  parseJsonPath,
  readJsonPath,
  type JsonPathStep,
} from '../eventbridge/input-transformer';

/** An `InputTemplate` that is not one Pipes accepts (a `<` without `>`, an unknown variable, a bad path). */
export class InvalidPipeTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPipeTemplateError';
  }
}

/** The pipe's reserved variables (`<aws.pipes.pipe-arn>`, ...), for one event. */
export interface PipeTemplateVariables {
  readonly 'pipe-arn': string;
  readonly 'pipe-name': string;
  readonly 'source-arn': string;
  readonly 'enrichment-arn': string;
  readonly 'target-arn': string;
  readonly 'event.ingestion-time': string;
}

type Part =
  | { readonly text: string }
  | { readonly path: readonly JsonPathStep[]; readonly quoted: boolean }
  | { readonly variable: keyof PipeTemplateVariables | 'event' | 'event.json'; readonly quoted: boolean };

const VARIABLES = new Set([
  'pipe-arn',
  'pipe-name',
  'source-arn',
  'enrichment-arn',
  'target-arn',
  'event.ingestion-time',
  'event',
  'event.json',
]);

/** A compiled pipe input template: `render(event, variables)` gives the text sent on. */
export interface PipeInputTemplate {
  render(event: unknown, variables: PipeTemplateVariables): string;
}

/**
 * Compiles an EventBridge Pipes `InputTemplate` ("Amazon EventBridge Pipes input transformation",
 * EventBridge user guide): free text, a JSON path to the event (`<$.body.orderId>`), or JSON
 * with inline paths and reserved variables (`<aws.pipes.pipe-name>`, `<aws.pipes.event.json>`).
 * A value inside a JSON string is inserted as text; outside quotes it is inserted as JSON. A
 * JSON text in an SQS record's `body` is parsed for paths (implicit body data parsing).
 *
 * @throws InvalidPipeTemplateError when a placeholder is unclosed, names no reserved variable or is not a valid path
 */
export function compilePipeInputTemplate(template: string): PipeInputTemplate {
  const parts: Part[] = [];
  let inString = false;
  let text = '';
  for (let index = 0; index < template.length; index++) {
    const char = template[index] as string;
    if (char === '\\' && inString) {
      text += char + (template[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char !== '<') {
      text += char;
      continue;
    }
    const end = template.indexOf('>', index);
    if (end < 0) throw new InvalidPipeTemplateError(`InputTemplate has a '<' without a closing '>' at ${index}`);
    const name = template.slice(index + 1, end).trim();
    parts.push({ text });
    text = '';
    if (name.startsWith('$')) {
      try {
        parts.push({ path: parseJsonPath(name.replace(/\['([^']+)'\]/g, '.$1')), quoted: inString });
      } catch (error) {
        if (error instanceof InvalidInputTransformerError) {
          throw new InvalidPipeTemplateError(`InputTemplate path '${name}' is not valid: ${error.message}`);
        }
        throw error;
      }
    } else if (name.startsWith('aws.pipes.') && VARIABLES.has(name.slice('aws.pipes.'.length))) {
      parts.push({ variable: name.slice('aws.pipes.'.length) as keyof PipeTemplateVariables, quoted: inString });
    } else {
      throw new InvalidPipeTemplateError(
        `InputTemplate placeholder '<${name}>' is neither a JSON path nor a reserved variable`,
      );
    }
    index = end;
  }
  parts.push({ text });
  return {
    render(event, variables) {
      const parsed = withParsedBody(event);
      return parts
        .map((part) => {
          if ('text' in part) return part.text;
          let value: unknown;
          if ('path' in part) value = readJsonPath(parsed, part.path);
          else if (part.variable === 'event') value = JSON.stringify(event);
          else if (part.variable === 'event.json') value = parsed;
          else value = variables[part.variable];
          return part.quoted ? insideString(value) : JSON.stringify(value ?? null);
        })
        .join('');
    },
  };
}

/** A value as the inside of a JSON string. */
function insideString(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text).slice(1, -1);
}

/** Pipes parse a JSON `body` (SQS) so that paths can reach into it. */
function withParsedBody(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  const body = (event as { body?: unknown }).body;
  if (typeof body !== 'string') return event;
  try {
    return { ...event, body: JSON.parse(body) as unknown };
  } catch {
    return event;
  }
}
