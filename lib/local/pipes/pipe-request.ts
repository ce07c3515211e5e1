import { PipesValidationError } from './pipes-errors';

/** The service model's patterns (EventBridge Pipes API reference, "Common types"). */
const PIPE_NAME = /^[.\-_A-Za-z0-9]+$/;
const ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-]+):([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1})?:(\d{12})?:(.+)$/;
const SMK =
  /^smk:\/\/(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]):[0-9]{1,5}$/;
const ROLE_ARN = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z0-9+=,.@\-_/]+$/;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Checks a CreatePipe or UpdatePipe request against the constraints of the Pipes service model,
 * as AWS does before anything else: required members, name and ARN patterns, lengths and ranges
 * of the SQS source parameters, input templates and filters. The first violation is thrown as
 * AWS's `ValidationException` ("1 validation error detected: ...") with its `fieldList`.
 *
 * @throws PipesValidationError
 */
export function validatePipeRequest(
  name: string,
  body: Readonly<Record<string, unknown>>,
  operation: 'create' | 'update',
): void {
  text('name', name, { min: 1, max: 64, pattern: PIPE_NAME, patternText: '^[\\.\\-_A-Za-z0-9]+$' });
  if (operation === 'create') {
    required('source', body.Source);
    text('source', body.Source, {
      min: 1,
      max: 1600,
      pattern: { test: (value) => ARN.test(value) || SMK.test(value) },
      patternText: `^${SMK.source.slice(1, -1)}|${ARN.source.slice(1)}`,
    });
  }
  required('target', body.Target);
  text('target', body.Target, { min: 1, max: 1600, pattern: ARN, patternText: ARN.source });
  required('roleArn', body.RoleArn);
  text('roleArn', body.RoleArn, { min: 1, max: 1600, pattern: ROLE_ARN, patternText: ROLE_ARN.source });
  if (body.Enrichment !== undefined && body.Enrichment !== '') {
    text('enrichment', body.Enrichment, { min: 0, max: 1600, pattern: ARN, patternText: `^$|${ARN.source.slice(1)}` });
  }
  if (body.Description !== undefined) text('description', body.Description, { min: 0, max: 512 });
  if (body.DesiredState !== undefined && body.DesiredState !== 'RUNNING' && body.DesiredState !== 'STOPPED') {
    throw PipesValidationError.member(
      'desiredState',
      body.DesiredState,
      'Member must satisfy enum value set: [RUNNING, STOPPED]',
    );
  }
  const sourceParameters = record(body.SourceParameters);
  const sqs = record(sourceParameters.SqsQueueParameters);
  range('sourceParameters.sqsQueueParameters.batchSize', sqs.BatchSize, 1, 10_000);
  range(
    'sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds',
    sqs.MaximumBatchingWindowInSeconds,
    0,
    300,
  );
  const filters = record(sourceParameters.FilterCriteria).Filters;
  if (filters !== undefined) {
    if (!Array.isArray(filters) || filters.length > 5) {
      throw PipesValidationError.member(
        'sourceParameters.filterCriteria.filters',
        Array.isArray(filters) ? `[${filters.length} filters]` : filters,
        'Member must have length less than or equal to 5',
      );
    }
    filters.forEach((filter, index) => {
      const pattern = record(filter).Pattern;
      if (pattern !== undefined) {
        text(`sourceParameters.filterCriteria.filters.${index + 1}.member.pattern`, pattern, { min: 0, max: 4096 });
      }
    });
  }
  for (const [member, parameters] of [
    ['targetParameters.inputTemplate', body.TargetParameters],
    ['enrichmentParameters.inputTemplate', body.EnrichmentParameters],
  ] as const) {
    const template = record(parameters).InputTemplate;
    if (template !== undefined) text(member, template, { min: 0, max: 8192 });
  }
}

function required(member: string, value: unknown): void {
  if (value === undefined || value === null) {
    throw PipesValidationError.member(member, value, 'Member must not be null');
  }
}

function text(
  member: string,
  value: unknown,
  constraints: {
    readonly min: number;
    readonly max: number;
    readonly pattern?: { test(value: string): boolean };
    readonly patternText?: string;
  },
): void {
  if (typeof value !== 'string') {
    throw PipesValidationError.member(member, value, 'Member must be a string');
  }
  if (value.length < constraints.min) {
    throw PipesValidationError.member(
      member,
      value,
      `Member must have length greater than or equal to ${constraints.min}`,
    );
  }
  if (value.length > constraints.max) {
    throw PipesValidationError.member(
      member,
      value,
      `Member must have length less than or equal to ${constraints.max}`,
    );
  }
  if (constraints.pattern && !constraints.pattern.test(value)) {
    throw PipesValidationError.member(
      member,
      value,
      `Member must satisfy regular expression pattern: ${constraints.patternText ?? ''}`,
    );
  }
}

function range(member: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw PipesValidationError.member(member, value, 'Member must be an integer');
  }
  if (value < min) {
    throw PipesValidationError.member(member, value, `Member must have value greater than or equal to ${min}`);
  }
  if (value > max) {
    throw PipesValidationError.member(member, value, `Member must have value less than or equal to ${max}`);
  }
}
