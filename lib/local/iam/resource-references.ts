import { archiveArn, eventBusArn, formatArn, queueArn, ruleArn, stateMachineArn } from '../arn';

/**
 * A resource as a request names it (a queue URL, a bus name, a table name), for an
 * {@link ArnResolver} to turn into the ARN IAM evaluates.
 */
export type ResourceReference =
  /** A queue URL (`http://127.0.0.1:4566/000000000000/orders`), name or ARN. */
  | { readonly kind: 'queue'; readonly queue: string }
  /** A bus name or ARN. */
  | { readonly kind: 'event-bus'; readonly bus: string }
  | { readonly kind: 'rule'; readonly rule: string; readonly bus: string }
  | { readonly kind: 'archive'; readonly archive: string }
  | { readonly kind: 'replay'; readonly replay: string }
  /** A table name or ARN. */
  | { readonly kind: 'table'; readonly table: string }
  /** A state machine name or ARN. */
  | { readonly kind: 'state-machine'; readonly stateMachine: string }
  /** The task token of a waiting Task (SendTask*): authorized against its state machine. */
  | { readonly kind: 'task-token'; readonly token: string };

/**
 * Turns what a request names into an ARN; the endpoint may pass one that knows its resources.
 * An empty string means the resource is unknown (a task token nobody waits on): the service
 * answers that call with its own error, not IAM.
 */
export type ArnResolver = (reference: ResourceReference) => string;

/** What the local resolver cannot derive from a name alone. */
export interface LocalArnLookups {
  /** The state machine whose task waits on a token. */
  readonly stateMachineOfTaskToken?: (token: string) => string | undefined;
}

const isArn = (value: string): boolean => value.startsWith('arn:');

/** The last path segment of a queue URL (`.../000000000000/orders` → `orders`), or the value itself. */
function queueNameOf(queue: string): string {
  if (!/^https?:\/\//.test(queue)) return queue;
  const segments = new URL(queue).pathname.split('/').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? queue;
}

/**
 * The resolver for the local cloud, where every ARN follows from the name: one account
 * (`000000000000`), one region, the `aws` partition. ARNs pass through unchanged.
 *
 * @example localArnResolver('us-east-1')({ kind: 'table', table: 'orders' }) // 'arn:aws:dynamodb:us-east-1:000000000000:table/orders'
 */
export function localArnResolver(region: string, lookups: LocalArnLookups = {}): ArnResolver {
  return (reference) => {
    switch (reference.kind) {
      case 'queue':
        return isArn(reference.queue) ? reference.queue : queueArn(region, queueNameOf(reference.queue));
      case 'event-bus':
        return isArn(reference.bus) ? reference.bus : eventBusArn(region, reference.bus);
      case 'rule': {
        const bus = isArn(reference.bus) ? (reference.bus.split('event-bus/')[1] ?? 'default') : reference.bus;
        return isArn(reference.rule) ? reference.rule : ruleArn(region, bus, reference.rule);
      }
      case 'archive':
        return isArn(reference.archive) ? reference.archive : archiveArn(region, reference.archive);
      case 'replay':
        return formatArn('events', region, `replay/${reference.replay}`);
      case 'table':
        return isArn(reference.table) ? reference.table : formatArn('dynamodb', region, `table/${reference.table}`);
      case 'state-machine':
        return isArn(reference.stateMachine) ? reference.stateMachine : stateMachineArn(region, reference.stateMachine);
      case 'task-token':
        return lookups.stateMachineOfTaskToken?.(reference.token) ?? '';
    }
  };
}
