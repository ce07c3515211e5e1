/**
 * An event as EventBridge delivers it to targets. Field order matches AWS's (version, id,
 * detail-type, source, account, time, region, resources, detail), so the JSON a queue receives
 * reads the same as in AWS.
 */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601 to the second, `2026-01-31T12:00:00Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
  /** Set on events an archive replays. */
  readonly 'replay-name'?: string;
}

/** AWS's event time format: ISO 8601 in UTC without milliseconds. */
export function formatEventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
