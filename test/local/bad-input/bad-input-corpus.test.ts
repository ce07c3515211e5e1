import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { busName, EVENT_CONTRACTS, serviceResourceNames, type ServiceName } from '../../../lib/contracts';
import { LOCAL_ACCOUNT_ID } from '../../../lib/local/arn';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { deadLetterReasonOf } from '../../../lib/saga/read-saga-snapshot';
import { localClients, runSagaOnLocalCloud } from '../../../lib/saga/saga-run';
import {
  BAD_INPUT_FIXTURES,
  expectsError,
  readCorpus,
  type BadInputCase,
  type ErrorExpectation,
  type FailedEntriesExpectation,
} from './bad-input-case';
import { renderTemplate, sendRaw, type RawResponse, type TemplateContext } from './raw-request';
import { startSagaTestCloud } from '../../support/saga-test-cloud';

interface ConsumerFixture {
  readonly eventBusName: string;
  readonly unrouted: readonly { Source: string; DetailType: string; Detail: unknown }[];
  readonly unsupportedVersion: { Source: string; DetailType: string; Detail: unknown };
  readonly unsupportedVersionReason: string;
}

const consumers = JSON.parse(readFileSync(join(BAD_INPUT_FIXTURES, 'consumers.json'), 'utf8')) as ConsumerFixture;
const CORPUS_FILES = ['protocol', 'sqs', 'events', 'dynamodb'] as const;
const JSON_PROTOCOL = /^application\/x-amz-json-1\.[01]$/;

/** Asserts a refused call: status, `__type`, headers and message, as the case expects them. */
function assertAwsError(response: RawResponse, expected: ErrorExpectation, context: TemplateContext): void {
  expect({ status: response.status, type: response.json?.__type }).toEqual({
    status: expected.status,
    type: expected.type,
  });
  expect(response.headers['content-type']).toMatch(JSON_PROTOCOL);
  expect(response.headers['x-amzn-requestid']).toMatch(/^[\w-]+$/);
  if (expected.errorType !== undefined) expect(response.headers['x-amzn-errortype']).toBe(expected.errorType);
  if (expected.queryError !== undefined) expect(response.headers['x-amzn-query-error']).toBe(expected.queryError);
  const message = response.json?.message ?? response.json?.Message;
  if (expected.message === null) {
    expect(message).toBeUndefined();
  } else {
    expect(message).toEqual(expect.stringContaining(renderTemplate(expected.messageIncludes ?? '', context)));
  }
}

/** Asserts a PutEvents that succeeded as a call with the expected entries refused. */
function assertFailedEntries(response: RawResponse, expected: FailedEntriesExpectation): void {
  expect(response.status).toBe(200);
  const entries = response.json?.Entries as Record<string, unknown>[] | undefined;
  expect(entries).toHaveLength(expected.failedEntries.length);
  expect(response.json?.FailedEntryCount).toBe(expected.failedEntries.filter((entry) => entry !== null).length);
  expected.failedEntries.forEach((failure, index) => {
    const entry = entries?.[index];
    if (failure === null) expect(entry).toEqual({ EventId: expect.any(String) });
    else
      expect(entry).toEqual(
        failure.ErrorMessage === undefined
          ? { ErrorCode: failure.ErrorCode, ErrorMessage: expect.any(String) }
          : failure,
      );
  });
}

describe('the local cloud given bad input', () => {
  let cloud: LocalCloud;
  let context: TemplateContext;

  beforeAll(async () => {
    // Real time: a cold start slower than the visibility timeout would otherwise redeliver (and
    // dead-letter twice) the poison messages this file counts.
    cloud = await startSagaTestCloud({
      timeScale: 1,
    });
    context = { endpoint: cloud.endpointUrl, accountId: LOCAL_ACCOUNT_ID };
  });

  afterAll(async () => {
    await cloud?.stop();
  });

  describe.each(CORPUS_FILES)('the %s corpus', (file) => {
    it.each(readCorpus(file).map((badInput): [string, BadInputCase] => [badInput.name, badInput]))(
      '%s',
      async (_name, badInput) => {
        // Act
        const response = await sendRaw(cloud.endpointUrl, badInput.request, context);

        // Assess
        if (expectsError(badInput.expect)) assertAwsError(response, badInput.expect, context);
        else assertFailedEntries(response, badInput.expect);
      },
    );
  });

  it('leaves no trace of the refused calls: no queue, rule or item created, no table deleted', async () => {
    // Prepare
    const { documentClient } = localClients(cloud);

    // Act
    const scan = await documentClient.send(new ScanCommand({ TableName: 'shop-choreography-orders' }));
    documentClient.destroy();

    // Assess
    expect(cloud.sqs.findQueue('bad-input-never-created')).toBeUndefined();
    expect(cloud.eventBridge.findEventBus(busName('choreography'))?.rules.has('bad-input-never-created')).toBe(false);
    expect((scan.Items ?? []).filter((item) => String(item.pk).includes('bad-input'))).toEqual([]);
  });

  it('delivers nothing to a consumer for shop events no consumer rule routes', async () => {
    // Prepare
    const { eventBridge } = localClients(cloud);
    await cloud.whenQuiet();
    const since = cloud.trace.size;

    // Act
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: consumers.unrouted.map((entry) => ({
          ...entry,
          EventBusName: consumers.eventBusName,
          Detail: JSON.stringify(entry.Detail),
        })),
      }),
    );
    await cloud.whenQuiet();
    eventBridge.destroy();

    // Assess: accepted by the bus, matched by the audit rule alone, never queued nor invoked
    expect(result.FailedEntryCount).toBe(0);
    const recent = cloud.trace
      .events('rule.matched', 'message.sent', 'invocation.started')
      .filter((event) => event.seq > since);
    const matchedRules = new Set(recent.flatMap((event) => (event.kind === 'rule.matched' ? [event.rule] : [])));
    expect([...matchedRules].every((rule) => /Audit/.test(rule))).toBe(true);
    expect(matchedRules.size).toBeGreaterThan(0);
    expect(recent.filter((event) => event.kind !== 'rule.matched')).toEqual([]);
  });

  it('dead-letters an OrderPlaced of schema version 2 in every consumer, with a reason naming the version', async () => {
    // Prepare
    const { eventBridge } = localClients(cloud);
    const { Detail, ...entry } = consumers.unsupportedVersion;
    const orderId = (Detail as { data: { orderId: string } }).data.orderId;
    const consumerDeadLetterQueues = (EVENT_CONTRACTS.OrderPlaced.consumers as readonly ServiceName[]).map(
      (service) => serviceResourceNames('choreography', service).deadLetterQueue,
    );

    // Act
    const result = await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ ...entry, EventBusName: consumers.eventBusName, Detail: JSON.stringify(Detail) }],
      }),
    );
    await cloud.whenQuiet();
    eventBridge.destroy();

    // Assess: one dead letter per consumer, with the reason; no saga event caused by it
    expect(result.FailedEntryCount).toBe(0);
    const deadLetters = cloud.sqs.deadLetterContents();
    const reasons = consumerDeadLetterQueues.map((queue) =>
      (deadLetters[queue] ?? [])
        .filter((message) => message.body.includes(orderId))
        .map((message) => deadLetterReasonOf(message)),
    );
    expect(reasons).toEqual(
      consumerDeadLetterQueues.map(() => [expect.stringContaining(consumers.unsupportedVersionReason)]),
    );
    const caused = cloud.trace
      .events('event.put')
      .filter((event) => event.correlationId === orderId && event.caller !== 'client');
    expect(caused).toEqual([]);
  });

  it('still completes a normal saga afterwards, with every invariant holding', async () => {
    // Act
    const run = await runSagaOnLocalCloud(cloud, { variant: 'choreography', orders: 5, seed: 5, timeoutMs: 150_000 });

    // Assess
    expect(run.invariants.filter((invariant) => !invariant.holds)).toEqual([]);
    expect(run.invariantsHold).toBe(true);
    expect(run.snapshot.orders.filter((order) => order.status === 'PENDING')).toEqual([]);
    expect(run.snapshot.orders).toHaveLength(5);
  }, 180_000);
});
