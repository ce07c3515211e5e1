import { AwsServiceError } from '../endpoint/aws-service-error';
import type { AppModel } from '../assembly';
import { tableSpecFromTemplate, type LocalDynamoDb } from '../dynamodb';
import type { LocalEventBridge, RuleTarget } from '../eventbridge';
import type { LocalSqs } from '../sqs';

/** Creates the app's tables in the local DynamoDB (existing ones, from `--data`, are kept). */
export async function createTables(model: AppModel, dynamoDb: LocalDynamoDb): Promise<void> {
  await dynamoDb.ensureTables(model.tables.map((table) => tableSpecFromTemplate(table.properties, table.name).spec));
}

/** Creates the app's queues, dead-letter queues first so that a redrive policy always names an existing queue. */
export function createQueues(model: AppModel, sqs: LocalSqs): void {
  const deadLetterArns = new Set(
    model.queues.flatMap((queue) => (queue.redrivePolicy ? [queue.redrivePolicy.deadLetterTargetArn] : [])),
  );
  const ordered = [...model.queues].sort(
    (a, b) => Number(deadLetterArns.has(b.arn)) - Number(deadLetterArns.has(a.arn)),
  );
  for (const queue of ordered) {
    sqs.createQueue(queue.name, queue.attributes);
  }
}

/**
 * Creates the app's buses, rules with their targets, and archives. A rule PutRule would refuse
 * (an invalid schedule expression, a schedule on a custom bus) is not run: the answer lists why.
 */
export function createEventResources(model: AppModel, eventBridge: LocalEventBridge): string[] {
  const problems: string[] = [];
  for (const bus of model.buses) {
    if (!eventBridge.findEventBus(bus.name)) eventBridge.createEventBus(bus.name);
  }
  for (const rule of model.rules) {
    try {
      eventBridge.putRule({
        name: rule.name,
        eventBusName: rule.eventBusName,
        eventPattern: rule.eventPattern as object | undefined,
        scheduleExpression: rule.scheduleExpression,
        state: rule.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        description: rule.description,
        roleArn: rule.roleArn,
      });
      eventBridge.putTargets(rule.eventBusName, rule.name, rule.targets.map(toRuleTarget));
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      problems.push(`rule ${rule.name} (${rule.stackName}/${rule.logicalId}) is not run: ${error.message}`);
    }
  }
  for (const archive of model.archives) {
    eventBridge.createArchive({
      archiveName: archive.name,
      eventSourceArn: archive.sourceArn,
      eventPattern: archive.eventPattern as object | undefined,
      retentionDays: archive.retentionDays,
      description: archive.description,
    });
  }
  return problems;
}

/** Names of the queues that receive failures: redrive DLQs of queues and DLQs of rule targets. */
export function deadLetterQueueNamesOf(model: AppModel): ReadonlySet<string> {
  const arns = new Set([
    ...model.queues.flatMap((queue) => (queue.redrivePolicy ? [queue.redrivePolicy.deadLetterTargetArn] : [])),
    ...model.rules.flatMap((rule) =>
      rule.targets.flatMap((target) => (target.deadLetterArn ? [target.deadLetterArn] : [])),
    ),
  ]);
  return new Set(model.queues.filter((queue) => arns.has(queue.arn)).map((queue) => queue.name));
}

function toRuleTarget(target: AppModel['rules'][number]['targets'][number]): RuleTarget {
  return {
    Id: target.id,
    Arn: target.arn,
    RoleArn: target.roleArn,
    Input: target.input,
    InputPath: target.inputPath,
    InputTransformer: target.inputTransformer
      ? { InputPathsMap: target.inputTransformer.inputPathsMap, InputTemplate: target.inputTransformer.inputTemplate }
      : undefined,
    RetryPolicy: target.retryPolicy
      ? {
          MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
        }
      : undefined,
    DeadLetterConfig: target.deadLetterArn ? { Arn: target.deadLetterArn } : undefined,
    SqsParameters: target.messageGroupId ? { MessageGroupId: target.messageGroupId } : undefined,
  };
}
