import { InvalidInputTransformerError } from './invalid-input-transformer-error';
import { parseJsonPath, readJsonPath } from './json-path';

/** A target's InputTransformer, as PutTargets takes it. */
export interface InputTransformerConfig {
  inputPathsMap?: Record<string, string>;
  inputTemplate: string;
}

/** What the predefined template variables resolve to for one delivery. */
export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  /** ISO-8601 time the bus received the event. */
  ingestionTime: string;
  /** The event's JSON text, when the caller has it (saves serialising the event again). */
  eventJson?: string;
}

/** AWS's limits on InputPathsMap (PutTargets API reference). */
const MAX_PATHS = 100;
const KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_TEMPLATE_LENGTH = 8192;

/**
 * The body AWS delivers for `InputPath`: the selected part of the event, as JSON text (a string
 * value is delivered quoted). A path that selects nothing throws, so the delivery fails visibly.
 */
export function applyInputPath(event: unknown, inputPath: string): string {
  const value = readJsonPath(event, parseJsonPath(inputPath));
  if (value === undefined)
    throw new InvalidInputTransformerError(`input path '${inputPath}' selects nothing in the event`);
  return JSON.stringify(value);
}

/** Validates an InputTransformer as PutTargets would, throwing InvalidInputTransformerError. */
export function validateInputTransformer(config: InputTransformerConfig): void {
  const entries = Object.entries(config.inputPathsMap ?? {});
  if (entries.length > MAX_PATHS) {
    throw new InvalidInputTransformerError(
      `input paths map has ${entries.length} entries; at most ${MAX_PATHS} are allowed`,
    );
  }
  for (const [key, path] of entries) {
    if (key.toLowerCase().startsWith('aws.')) {
      throw new InvalidInputTransformerError(`input paths map key '${key}' is reserved: keys cannot start with 'aws.'`);
    }
    if (!KEY_PATTERN.test(key)) {
      throw new InvalidInputTransformerError(`input paths map key '${key}' may only hold letters, digits, '_' and '-'`);
    }
    parseJsonPath(path);
  }
  if (typeof config.inputTemplate !== 'string' || config.inputTemplate.length === 0) {
    throw new InvalidInputTransformerError('input template must be a non-empty string');
  }
  if (config.inputTemplate.length > MAX_TEMPLATE_LENGTH) {
    throw new InvalidInputTransformerError(
      `input template is ${config.inputTemplate.length} characters long; at most ${MAX_TEMPLATE_LENGTH} are allowed`,
    );
  }
}

/** A variable's value as AWS writes it inside a JSON string: raw text, objects without quotes. */
function renderInString(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replace(/"/g, '');
  return String(value);
}

/** A variable's value as AWS writes it where a JSON value goes: JSON, strings quoted. */
function renderAsValue(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * The body AWS delivers for an InputTransformer. Each `<name>` of the template is replaced by the
 * value its path selects: inside a quoted string the raw text (a missing value becomes nothing,
 * an object is written without its quotes, as AWS does); elsewhere the JSON value. Predefined
 * variables: `<aws.events.rule-arn>`, `<aws.events.rule-name>`,
 * `<aws.events.event.ingestion-time>`, `<aws.events.event>` and `<aws.events.event.json>`.
 * A `<...>` that names no variable is left as written.
 */
export function applyInputTransformer(
  event: unknown,
  config: InputTransformerConfig,
  context: TransformContext,
): string {
  validateInputTransformer(config);
  const variables = new Map<string, unknown>();
  for (const [key, path] of Object.entries(config.inputPathsMap ?? {})) {
    variables.set(key, readJsonPath(event, parseJsonPath(path)));
  }
  const predefined: Record<string, () => unknown> = {
    'aws.events.rule-arn': () => context.ruleArn,
    'aws.events.rule-name': () => context.ruleName,
    'aws.events.event.ingestion-time': () => context.ingestionTime,
    'aws.events.event': () => (context.eventJson !== undefined ? (JSON.parse(context.eventJson) as unknown) : event),
    'aws.events.event.json': () =>
      context.eventJson !== undefined ? (JSON.parse(context.eventJson) as unknown) : event,
  };

  const template = config.inputTemplate;
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string;
    if (inString && char === '\\') {
      output += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      output += char;
      continue;
    }
    if (char === '<') {
      const end = template.indexOf('>', i + 1);
      const name = end > i ? template.slice(i + 1, end) : '';
      const known = variables.has(name) || name in predefined;
      if (known) {
        const value = variables.has(name) ? variables.get(name) : predefined[name]?.();
        output += inString ? renderInString(value) : renderAsValue(value);
        i = end;
        continue;
      }
    }
    output += char;
  }
  return output;
}
