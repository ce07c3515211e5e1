import type { TargetInvoker } from '../eventbridge/target-invoker';

/** One event a rule wrote to a CloudWatch log group (the audit rule's target). */
export interface LogGroupEntry {
  readonly logGroupArn: string;
  readonly message: string;
}

/**
 * Rule targets that are CloudWatch log groups (`arn:aws:logs:...:log-group:NAME`), kept in memory
 * with a bound per group so that a long run cannot grow without limit.
 */
export class LogGroupTargetInvoker implements TargetInvoker {
  readonly service = 'logs';
  private readonly groups = new Map<string, string[]>();

  constructor(private readonly maxEntriesPerGroup = 10_000) {}

  async invoke(invocation: { readonly targetArn: string; readonly input: string }): Promise<void> {
    const entries = this.groups.get(invocation.targetArn) ?? [];
    entries.push(invocation.input);
    if (entries.length > this.maxEntriesPerGroup) entries.shift();
    this.groups.set(invocation.targetArn, entries);
  }

  /** What a log group received, oldest first. */
  entries(logGroupArn: string): readonly string[] {
    return this.groups.get(logGroupArn) ?? [];
  }

  /** How many entries every log group holds. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.groups].map(([arn, entries]) => [arn, entries.length]));
  }
}
