import { busName, SERVICE_NAMES, serviceResourceNames, type ServiceName, type Variant } from '../contracts';
import { OpsInputError } from './ops-errors';

/**
 * Who fills a dead-letter queue: a consumer queue's redrive policy and the handler itself
 * (`consumer`), the EventBridge rules that target the consumer queue (`target`), or the audit
 * rule of the bus (`audit`); `other` for a queue outside the variant's naming.
 */
export type DeadLetterQueueKind = 'consumer' | 'target' | 'audit' | 'other';

/** One dead-letter queue of a variant, by its fixed physical name. */
export interface DeadLetterQueueName {
  readonly queueName: string;
  readonly kind: DeadLetterQueueKind;
  /** The service whose messages it holds; absent for the audit DLQ. */
  readonly service?: ServiceName;
  /**
   * Where a redrive sends messages back by default: the service's consumer queue (for both
   * the consumer DLQ and the target DLQ: both hold events meant for that queue).
   */
  readonly homeQueueName?: string;
}

/**
 * The audit rule's DLQ name, as `sagaBusResourceNames` in lib/infra names it. Repeated here so the
 * CLI does not load the CDK; a test keeps the two equal.
 */
export function auditDeadLetterQueueName(variant: Variant, stage?: string): string {
  return `${busName(variant, stage)}-audit-dlq`;
}

/**
 * Every dead-letter queue of a variant: per service the consumer DLQ (`*-dlq`) and the rule
 * target DLQ (`*-target-dlq`), then the bus's audit DLQ.
 */
export function deadLetterQueuesOf(variant: Variant, stage?: string): DeadLetterQueueName[] {
  const perService = SERVICE_NAMES.flatMap((service): DeadLetterQueueName[] => {
    const names = serviceResourceNames(variant, service, stage);
    return [
      { queueName: names.deadLetterQueue, kind: 'consumer', service, homeQueueName: names.queue },
      { queueName: names.targetDeadLetterQueue, kind: 'target', service, homeQueueName: names.queue },
    ];
  });
  return [...perService, { queueName: auditDeadLetterQueueName(variant, stage), kind: 'audit' }];
}

/**
 * The DLQ a command names: a service (`payments` → its consumer DLQ) or a queue name of the
 * variant (`shop-choreography-payments-target-dlq`). Any other queue name is taken as it is,
 * with no kind: the tools still read it but know no home queue for it.
 */
export function resolveDeadLetterQueue(serviceOrQueue: string, variant: Variant, stage?: string): DeadLetterQueueName {
  const all = deadLetterQueuesOf(variant, stage);
  if ((SERVICE_NAMES as readonly string[]).includes(serviceOrQueue)) {
    const consumer = all.find((queue) => queue.service === serviceOrQueue && queue.kind === 'consumer');
    if (consumer) return consumer;
  }
  const known = all.find((queue) => queue.queueName === serviceOrQueue);
  if (known) return known;
  if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(serviceOrQueue)) {
    throw new OpsInputError(
      `expected a service (${SERVICE_NAMES.join(', ')}) or a queue name, got '${serviceOrQueue}'`,
    );
  }
  return { queueName: serviceOrQueue, kind: 'other' };
}
