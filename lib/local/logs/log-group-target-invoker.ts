import type { TargetInvoker } from '../eventbridge/target-invoker';
import type { LogStore } from './log-store';

/**
 * Rule targets that are CloudWatch log groups (`arn:aws:logs:...:log-group:NAME`): each event is
 * written to the group in the `LogStore` (created if the template did not declare it), in a
 * stream named after the event's id as EventBridge does, readable with the Logs API.
 */
export class LogGroupTargetInvoker implements TargetInvoker {
  readonly service = 'logs';

  constructor(private readonly store: LogStore) {}

  async invoke(invocation: { readonly targetArn: string; readonly input: string }): Promise<void> {
    const logGroupName = logGroupNameOfArn(invocation.targetArn);
    this.store.ensureLogGroup(logGroupName);
    this.store.putLogEvents(
      logGroupName,
      streamNameOf(invocation.input),
      [{ timestamp: this.store.now(), message: invocation.input }],
      true,
    );
  }

  /** What a log group received, oldest first. */
  entries(logGroupArn: string): readonly string[] {
    const logGroupName = logGroupNameOfArn(logGroupArn);
    return this.store.hasLogGroup(logGroupName) ? this.store.events(logGroupName).map((event) => event.message) : [];
  }
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` → `<name>`. */
export function logGroupNameOfArn(arn: string): string {
  const match = /:log-group:(.+?)(:\*)?$/.exec(arn);
  return match?.[1] ?? arn;
}

function streamNameOf(input: string): string {
  try {
    const id = (JSON.parse(input) as { id?: unknown }).id;
    if (typeof id === 'string' && id !== '') return id;
  } catch {
    // not an event: one stream for what is not
  }
  return 'events';
}
