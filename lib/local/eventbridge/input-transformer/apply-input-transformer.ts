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

/** A `<name>` that AWS reads as a placeholder. */
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

const PREDEFINED_VARIABLES = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
]);

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

/**
 * The first `<name>` of the template that is neither a key of InputPathsMap nor a predefined
 * variable, or undefined. PutTargets refuses such a template ("InputTemplate for target <id>
 * contains invalid placeholder <name>.", AWS-validated snapshot
 * test_put_events_with_input_transformer_missing_keys).
 */
export function undefinedPlaceholder(config: InputTransformerConfig): string | undefined {
  const keys = new Set(Object.keys(config.inputPathsMap ?? {}));
  for (const match of config.inputTemplate.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!keys.has(name) && !PREDEFINED_VARIABLES.has(name)) return name;
  }
  return undefined;
}

/**
 * `<aws.events.event>` as AWS renders it: the envelope without `detail`, with `detail-type`
 * spelled `detailType` (AWS-validated snapshot test_input_transformer_predefined_variables).
 */
function eventWithoutDetail(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const envelope = event as Record<string, unknown>;
  return {
    id: envelope.id,
    account: envelope.account,
    detailType: envelope['detail-type'],
    time: envelope.time,
    source: envelope.source,
    region: envelope.region,
    resources: envelope.resources,
    version: envelope.version,
  };
}

/** A variable's value as AWS writes it inside a JSON string: raw text, objects without quotes. */
function renderInString(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value).replace(/"/g, '');
  return String(value);
}

/**
 * A variable's value as AWS writes it where a JSON value goes: JSON, strings quoted; a path that
 * selects nothing as an empty string `""` (AWS-validated snapshot
 * test_put_events_with_input_transformer_input_template_json).
 */
function renderAsValue(value: unknown): string {
  return value === undefined ? '""' : JSON.stringify(value);
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
    'aws.events.event': () =>
      eventWithoutDetail(context.eventJson !== undefined ? (JSON.parse(context.eventJson) as unknown) : event),
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
