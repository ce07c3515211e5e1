import {
  DeleteRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { busName } from '../../../lib/contracts';
import { queueArnOf } from './queue-messages';
import { VARIANT, type SagaClients } from './saga-cloud';

/** A queue that receives a copy of the bus's events matching a pattern, as any extra rule target would. */
export interface EventTap {
  readonly queueUrl: string;
  /** Removes the rule and deletes the queue, so the cloud can be quiet again. */
  close(): Promise<void>;
}

/**
 * Adds a rule on the variant's bus, through the stock SDK, that sends matching events to a new
 * queue. EventBridge delivers the same event to every target of every matching rule, so the tap
 * queue holds exactly the message body a consumer queue received.
 *
 * Close it before waiting for the cloud to be quiet: a queue with messages in it keeps the
 * cloud busy.
 */
export async function tapEvents(clients: SagaClients, name: string, eventPattern: object): Promise<EventTap> {
  const eventBusName = busName(VARIANT);
  const { QueueUrl: queueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!queueUrl) throw new Error(`create-queue gave no url for '${name}'`);
  await clients.eventBridge.send(
    new PutRuleCommand({ Name: name, EventBusName: eventBusName, EventPattern: JSON.stringify(eventPattern) }),
  );
  await clients.eventBridge.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: eventBusName,
      Targets: [{ Id: 'tap', Arn: await queueArnOf(clients.sqs, queueUrl) }],
    }),
  );
  return {
    queueUrl,
    close: async () => {
      await clients.eventBridge.send(
        new RemoveTargetsCommand({ Rule: name, EventBusName: eventBusName, Ids: ['tap'] }),
      );
      await clients.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: eventBusName }));
      await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}
