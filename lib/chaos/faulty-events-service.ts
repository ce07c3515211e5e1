import { createHash } from 'node:crypto';
import {
  AwsServiceError,
  CLIENT_PRINCIPAL,
  type AwsJsonRequest,
  type AwsJsonResponse,
  type AwsJsonService,
} from '../local/endpoint';
import type { FaultInjector } from './fault-injector';
import { sagaMetadataOf, type SagaMetadata } from '../saga/saga-metadata';

const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
/** How long the SDK's retries of a failed call count as the same call (wall ms; its backoff is well under). */
const SAME_CALL_WINDOW_WALL_MS = 2000;

interface PutEventsEntryView {
  readonly EventBusName?: string;
  readonly Detail?: string;
}

interface FailingCall {
  remaining: number;
  readonly since: number;
}

/**
 * The EventBridge API with faults in front of it, for calls made by functions (the storefront
 * client is never faulted):
 * - `throttled-put-events`: some entries answer `ThrottlingException` (FailedEntryCount > 0);
 *   the others go through. The publisher retries just those entries.
 * - `dual-write-gap`: the whole PutEvents call fails with InternalException. Handlers publish
 *   only once their use case's table writes are done, so this is the gap between the write and
 *   the publish: the record is reported failed and its redelivery must republish the same event
 *   ids. The SDK's own retries of the call (same body, within moments) fail too, so the handler
 *   does see the call fail.
 */
export class FaultyEventsService implements AwsJsonService {
  private readonly failingCalls = new Map<string, FailingCall>();

  constructor(
    private readonly inner: AwsJsonService,
    private readonly injector: FaultInjector,
  ) {}

  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    const principal = request.caller.principal;
    if (request.target !== PUT_EVENTS_TARGET || principal === CLIENT_PRINCIPAL) return this.inner.handle(request);
    let body: { Entries?: unknown };
    try {
      body = JSON.parse(request.body.toString('utf8')) as { Entries?: unknown };
    } catch {
      return this.inner.handle(request);
    }
    if (!Array.isArray(body.Entries) || body.Entries.length === 0) return this.inner.handle(request);
    const entries = body.Entries as PutEventsEntryView[];
    const metadata = entries.map((entry) => sagaMetadataOf(entry.Detail));

    const digest = createHash('sha256').update(request.body).digest('hex');
    if (this.isRetryOfFailedCall(digest)) return gapFailure();
    if (this.injectGap(principal, metadata)) {
      this.failingCalls.set(digest, { remaining: this.injector.plan.sdkAttemptsPerCall - 1, since: Date.now() });
      return gapFailure();
    }
    return this.throttle(request, body, entries, metadata);
  }

  private isRetryOfFailedCall(digest: string): boolean {
    const failing = this.failingCalls.get(digest);
    if (!failing) return false;
    if (failing.remaining <= 0 || Date.now() - failing.since > SAME_CALL_WINDOW_WALL_MS) {
      this.failingCalls.delete(digest);
      return false;
    }
    failing.remaining--;
    return true;
  }

  private injectGap(principal: string, metadata: readonly SagaMetadata[]): boolean {
    const eventIds = metadata.map((meta) => meta.eventId ?? '?');
    if (!this.injector.decider.decide('dual-write-gap', `${principal}|${[...eventIds].sort().join(',')}`)) return false;
    // The record being handled is the one that caused these events.
    const subjects = [...new Set(metadata.flatMap((meta) => meta.causationId ?? []))].map((causationId) => ({
      key: `${principal}|${causationId}`,
    }));
    if (subjects.length === 0 || !this.injector.mayFailAttempt(principal, subjects)) return false;
    this.injector.noteAttemptFailure(subjects);
    this.injector.record(
      'dual-write-gap',
      principal,
      `PutEvents of ${eventIds.length} event(s) failed after the table writes`,
      {
        sagaEventIds: eventIds,
        correlationIds: metadata.flatMap((meta) => meta.correlationId ?? []),
      },
    );
    return true;
  }

  private async throttle(
    request: AwsJsonRequest,
    body: { Entries?: unknown },
    entries: readonly PutEventsEntryView[],
    metadata: readonly SagaMetadata[],
  ): Promise<AwsJsonResponse> {
    const principal = request.caller.principal;
    const throttled = entries.map((entry, index) =>
      this.injector.decider.decide(
        'throttled-put-events',
        `${principal}|${metadata[index]?.eventId ?? entry.Detail ?? index}`,
      ),
    );
    if (!throttled.some(Boolean)) return this.inner.handle(request);
    entries.forEach((entry, index) => {
      if (!throttled[index]) return;
      const meta = metadata[index] ?? {};
      this.injector.record(
        'throttled-put-events',
        entry.EventBusName ?? 'default',
        `entry ${index} of ${entries.length} throttled`,
        {
          sagaEventIds: meta.eventId ? [meta.eventId] : [],
          correlationIds: meta.correlationId ? [meta.correlationId] : [],
        },
      );
      this.injector.recordRejection(
        entry.EventBusName ?? 'default',
        'ThrottlingException',
        'Rate exceeded',
        principal,
        meta.correlationId,
      );
    });
    const passed = entries.filter((_, index) => !throttled[index]);
    let passedResults: unknown[] = [];
    if (passed.length > 0) {
      const answer = await this.inner.handle({
        ...request,
        body: Buffer.from(JSON.stringify({ ...body, Entries: passed })),
      });
      if (answer.statusCode !== 200) return answer;
      passedResults = ((JSON.parse(answer.body) as { Entries?: unknown[] }).Entries ?? []).slice();
    }
    const results = entries.map((_, index) =>
      throttled[index] ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : passedResults.shift(),
    );
    const failed = results.filter(
      (result) => (result as { ErrorCode?: string } | undefined)?.ErrorCode !== undefined,
    ).length;
    return { statusCode: 200, body: JSON.stringify({ FailedEntryCount: failed, Entries: results }) };
  }
}

function gapFailure(): AwsJsonResponse {
  return new AwsServiceError('InternalException', 'chaos: the PutEvents call failed (dual-write gap)', {
    statusCode: 500,
  }).toResponse();
}
