import * as path from 'node:path';
import { functionArn, resourceNameOf } from '../../arn';
import type { EventSourceMappingModel, FunctionCode, FunctionModel, LambdaPermissionModel } from '../app-model';
import { parseJsonIfText, toNumber, toRecord, type ResourceProperties } from '../resource-properties';

/** Metadata CDK puts on a resource whose property is an asset (when asset metadata is enabled). */
const ASSET_PATH_METADATA = 'aws:asset:path';

/** `AWS::Lambda::Function`: settings, resolved environment and where its code is. */
export function readFunction(props: ResourceProperties): FunctionModel {
  const name = props.physicalName;
  const code = locateCode(props);
  const environment = readEnvironment(props);
  const loggingConfig = props.record('LoggingConfig');
  const tracingConfig = props.record('TracingConfig');
  const deadLetterConfig = props.record('DeadLetterConfig');
  const reservedConcurrency = props.number('ReservedConcurrentExecutions');
  const logGroupName = typeof loggingConfig?.LogGroup === 'string' ? loggingConfig.LogGroup : `/aws/lambda/${name}`;
  return {
    ...props.origin,
    name,
    arn: functionArn(props.scope.region, name),
    handler: props.string('Handler') ?? 'index.handler',
    runtime: props.string('Runtime') ?? 'nodejs20.x',
    architectures: props.stringList('Architectures').length ? props.stringList('Architectures') : ['x86_64'],
    memorySizeMb: props.number('MemorySize') ?? 128,
    timeoutSeconds: props.number('Timeout') ?? 3,
    ...(reservedConcurrency !== undefined ? { reservedConcurrency } : {}),
    environment,
    roleArn: props.string('Role') ?? '',
    code,
    ...(code.kind === 'directory' ? { assetDirectory: code.directory } : {}),
    logGroupName,
    logFormat: typeof loggingConfig?.LogFormat === 'string' ? loggingConfig.LogFormat : 'Text',
    ...(typeof tracingConfig?.Mode === 'string' ? { tracingMode: tracingConfig.Mode } : {}),
    ...(typeof deadLetterConfig?.TargetArn === 'string' ? { deadLetterArn: deadLetterConfig.TargetArn } : {}),
    layers: props.stringList('Layers'),
  };
}

function readEnvironment(props: ResourceProperties): Record<string, string> {
  const variables = toRecord(props.record('Environment')?.Variables) ?? {};
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      environment[key] = String(value);
    } else {
      props.report('invalid-property', `environment variable '${key}' is not text: '${JSON.stringify(value)}'`);
    }
  }
  return environment;
}

/**
 * The code of a function: the `aws:asset:path` metadata (set by the CDK CLI), else the asset of
 * the stack's asset manifest published under the function's `Code.S3Key`, else inline `ZipFile`.
 */
function locateCode(props: ResourceProperties): FunctionCode {
  const metadata = props.scope.stack.template.Resources?.[props.logicalId]?.Metadata;
  const assetPath = metadata?.[ASSET_PATH_METADATA];
  const assemblyDirectory = props.scope.stack.assemblyDirectory;
  if (typeof assetPath === 'string' && assemblyDirectory) {
    return { kind: 'directory', directory: path.resolve(assemblyDirectory, assetPath) };
  }
  const code = props.record('Code') ?? {};
  if (typeof code.ZipFile === 'string') {
    return { kind: 'inline', source: code.ZipFile };
  }
  if (typeof code.ImageUri === 'string') {
    return { kind: 'missing', reason: `container image '${code.ImageUri}' (images are not supported locally)` };
  }
  if (typeof code.S3Key === 'string') {
    const directory = props.scope.stack.assetPaths?.[code.S3Key];
    if (directory) {
      return { kind: 'directory', directory };
    }
    props.report('missing-asset', `no asset of the assembly is published as '${code.S3Key}'`);
    return { kind: 'missing', reason: `asset '${code.S3Key}' not found in the assembly` };
  }
  props.report('missing-asset', 'the function has no code the local cloud can find');
  return { kind: 'missing', reason: 'no Code.S3Key, ZipFile or asset metadata' };
}

/** A function referred to by name, ARN or partial ARN → its name. */
function functionNameOf(value: string): string {
  return value.startsWith('arn:') ? resourceNameOf(value) : value;
}

/** `AWS::Lambda::EventSourceMapping`, with the defaults Lambda applies to SQS sources. */
export function readEventSourceMapping(props: ResourceProperties): EventSourceMappingModel {
  const eventSourceArn = props.string('EventSourceArn') ?? '';
  const functionName = functionNameOf(props.string('FunctionName') ?? '');
  const functionResponseTypes = props.stringList('FunctionResponseTypes');
  const maximumConcurrency = toNumber(props.record('ScalingConfig')?.MaximumConcurrency);
  const isSqs = eventSourceArn.startsWith('arn:aws:sqs:');
  if (!isSqs) {
    props.report(
      'unsupported-property',
      `event source '${eventSourceArn}' is not an SQS queue; only SQS is polled locally`,
    );
  }
  const filters = props.record('FilterCriteria')?.Filters;
  return {
    ...props.origin,
    uuid: String(props.scope.ref(props.logicalId)),
    arn: String(props.scope.getAtt(props.logicalId, 'EventSourceMappingArn')),
    eventSourceArn,
    functionName,
    functionArn: functionArn(props.scope.region, functionName),
    batchSize: props.number('BatchSize') ?? (isSqs ? 10 : 100),
    maximumBatchingWindowInSeconds: props.number('MaximumBatchingWindowInSeconds') ?? 0,
    functionResponseTypes,
    reportBatchItemFailures: functionResponseTypes.includes('ReportBatchItemFailures'),
    ...(maximumConcurrency !== undefined ? { maximumConcurrency } : {}),
    enabled: props.boolean('Enabled') ?? true,
    filterPatterns: (Array.isArray(filters) ? filters : []).map((filter) => parseJsonIfText(toRecord(filter)?.Pattern)),
  };
}

/** `AWS::Lambda::Permission`: who may invoke a function (EventBridge rules, Step Functions...). */
export function readLambdaPermission(props: ResourceProperties): LambdaPermissionModel {
  const sourceArn = props.string('SourceArn');
  const sourceAccount = props.string('SourceAccount');
  return {
    ...props.origin,
    functionName: functionNameOf(props.string('FunctionName') ?? ''),
    action: props.string('Action') ?? 'lambda:InvokeFunction',
    principal: props.string('Principal') ?? '',
    ...(sourceArn ? { sourceArn } : {}),
    ...(sourceAccount ? { sourceAccount } : {}),
  };
}
