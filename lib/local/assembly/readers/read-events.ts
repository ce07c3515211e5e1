import { eventBusArn } from '../../arn';
import type { ArchiveModel, EventBusModel, RuleModel, RuleTargetModel } from '../app-model';
import { busNameOf } from '../resource-types';
import { parseJsonIfText, toNumber, toRecord, type ResourceProperties } from '../resource-properties';

/** `AWS::Events::EventBus`. */
export function readEventBus(props: ResourceProperties): EventBusModel {
  return props.identity;
}

/** `AWS::Events::Rule` with its targets. */
export function readRule(props: ResourceProperties): RuleModel {
  const eventBusName = busNameOf(props.value('EventBusName'));
  const state = props.string('State') ?? 'ENABLED';
  const description = props.string('Description');
  const scheduleExpression = props.string('ScheduleExpression');
  const roleArn = props.string('RoleArn');
  const pattern = props.value('EventPattern');
  const targets = (Array.isArray(props.value('Targets')) ? (props.value('Targets') as unknown[]) : []).map((target) =>
    readTarget(props, target),
  );
  return {
    ...props.identity,
    eventBusName,
    eventBusArn: eventBusArn(props.scope.region, eventBusName),
    ...(pattern !== undefined ? { eventPattern: parseJsonIfText(pattern) } : {}),
    ...(scheduleExpression ? { scheduleExpression } : {}),
    state: state as RuleModel['state'],
    ...(description ? { description } : {}),
    ...(roleArn ? { roleArn } : {}),
    targets,
  };
}

function readTarget(props: ResourceProperties, value: unknown): RuleTargetModel {
  const target = toRecord(value) ?? {};
  const transformer = toRecord(target.InputTransformer);
  const retry = toRecord(target.RetryPolicy);
  const deadLetter = toRecord(target.DeadLetterConfig);
  const sqs = toRecord(target.SqsParameters);
  if (target.EcsParameters || target.HttpParameters || target.KinesisParameters || target.BatchParameters) {
    props.report('unsupported-property', `target '${String(target.Id)}' uses parameters the local cloud ignores`);
  }
  const maximumRetryAttempts = toNumber(retry?.MaximumRetryAttempts);
  const maximumEventAgeInSeconds = toNumber(retry?.MaximumEventAgeInSeconds);
  return {
    id: String(target.Id),
    arn: String(target.Arn),
    ...(typeof target.RoleArn === 'string' ? { roleArn: target.RoleArn } : {}),
    ...(typeof target.Input === 'string' ? { input: target.Input } : {}),
    ...(typeof target.InputPath === 'string' ? { inputPath: target.InputPath } : {}),
    ...(transformer
      ? {
          inputTransformer: {
            ...(transformer.InputPathsMap
              ? { inputPathsMap: transformer.InputPathsMap as Record<string, string> }
              : {}),
            inputTemplate: String(transformer.InputTemplate),
          },
        }
      : {}),
    ...(retry
      ? {
          retryPolicy: {
            ...(maximumRetryAttempts !== undefined ? { maximumRetryAttempts } : {}),
            ...(maximumEventAgeInSeconds !== undefined ? { maximumEventAgeInSeconds } : {}),
          },
        }
      : {}),
    ...(typeof deadLetter?.Arn === 'string' ? { deadLetterArn: deadLetter.Arn } : {}),
    ...(typeof sqs?.MessageGroupId === 'string' ? { messageGroupId: sqs.MessageGroupId } : {}),
  };
}

/** `AWS::Events::Archive`. */
export function readArchive(props: ResourceProperties): ArchiveModel {
  const pattern = props.value('EventPattern');
  const retentionDays = props.number('RetentionDays');
  const description = props.string('Description');
  return {
    ...props.identity,
    sourceArn: props.string('SourceArn') ?? '',
    ...(pattern !== undefined ? { eventPattern: parseJsonIfText(pattern) } : {}),
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(description ? { description } : {}),
  };
}
