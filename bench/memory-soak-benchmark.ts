import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LocalCloud } from '../lib/local/local-cloud';
import { NO_OP_APP, synthesizeNoOpApp } from './apps/no-op-app';
import type { BenchRun, Figures } from './bench-run';
import { figureOf } from './results-file';

/** How long `memory.soak` runs by default (issue 12: ten minutes). */
export const DEFAULT_SOAK_MINUTES = 10;
/** Events put per second through bus → rule → queue → no-op function. */
const EVENTS_PER_SECOND = 100;
/** Clients doing SQS send/receive/delete round trips of 10 messages, back to back. */
const SQS_CLIENTS = 4;
const PROJECT_ROOT = join(__dirname, '..');
const CREDENTIALS = { accessKeyId: 'bench-soak', secretAccessKey: 'local' };

/**
 * `memory.soak`: the local cloud of the no-op app under steady load for `minutes` (PutEvents
 * through a rule to a queue a function consumes, and SQS clients sending, receiving and deleting
 * batches back to back); the figure is the process's RSS at the end as a percentage of its RSS
 * after the first minute (half the run when shorter): bounded stores keep it ≤ 120.
 * `memory.soak.rss-1min` and `memory.soak.rss-end` are the two RSS values in MB.
 */
export async function benchmarkMemorySoak(run: BenchRun, minutes = DEFAULT_SOAK_MINUTES): Promise<Figures> {
  const assemblyDirectory = mkdtempSync(join(tmpdir(), 'choreo-bench-soak-'));
  try {
    synthesizeNoOpApp(assemblyDirectory);
    const cloud = await LocalCloud.start({
      projectDirectory: PROJECT_ROOT,
      assemblyDirectory,
      port: 0,
      timeScale: 1,
    });
    const config = { endpoint: cloud.endpointUrl, region: cloud.model.region, credentials: CREDENTIALS };
    const eventBridge = new EventBridgeClient(config);
    const sqs = new SQSClient(config);
    try {
      const durationMs = minutes * 60_000;
      const baselineAtMs = minutes >= 2 ? 60_000 : durationMs / 2;
      const started = Date.now();
      const running = () => Date.now() - started < durationMs;
      let baseline: number | undefined;
      const sampler = setInterval(() => {
        if (baseline === undefined && Date.now() - started >= baselineAtMs) {
          baseline = process.memoryUsage().rss;
          run.log(`memory.soak: RSS ${mb(baseline)} MB after ${Math.round(baselineAtMs / 1000)} s`);
        }
      }, 250);
      const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-soak' }));
      let roundTrips = 0;
      let events = 0;
      await Promise.all([
        putEventsSteadily(eventBridge, running, () => (events += 10)),
        ...Array.from({ length: SQS_CLIENTS }, () => sqsRoundTrips(sqs, QueueUrl, running, () => roundTrips++)),
      ]);
      clearInterval(sampler);
      const end = process.memoryUsage().rss;
      const first = baseline ?? end;
      const ratio = (end / first) * 100;
      run.log(
        `memory.soak: RSS ${mb(end)} MB at the end (${ratio.toFixed(0)}% of ${mb(first)} MB); ${events} events, ${roundTrips} SQS round trips, trace ${cloud.trace.size} kept / ${cloud.trace.dropped} dropped`,
      );
      if (ratio > 120) run.note(`memory.soak: RSS grew to ${ratio.toFixed(0)}% of its value after the first minute`);
      if (minutes !== DEFAULT_SOAK_MINUTES) run.note(`memory.soak ran ${minutes} min, not ${DEFAULT_SOAK_MINUTES}`);
      return {
        'memory.soak': figureOf([ratio], 'percent of RSS after 1 min (target ≤ 120)'),
        'memory.soak.rss-1min': figureOf([first / 2 ** 20], 'MB'),
        'memory.soak.rss-end': figureOf([end / 2 ** 20], 'MB'),
      };
    } finally {
      eventBridge.destroy();
      sqs.destroy();
      await cloud.stop();
    }
  } finally {
    rmSync(assemblyDirectory, { recursive: true, force: true });
  }
}

/** PutEvents of 10 entries at EVENTS_PER_SECOND, paced by the wall clock. */
async function putEventsSteadily(client: EventBridgeClient, running: () => boolean, onPut: () => void): Promise<void> {
  const started = Date.now();
  let sent = 0;
  while (running()) {
    const due = ((Date.now() - started) / 1000) * EVENTS_PER_SECOND;
    if (sent >= due) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    await client.send(
      new PutEventsCommand({
        Entries: Array.from({ length: 10 }, (_, index) => ({
          EventBusName: NO_OP_APP.busName,
          Source: NO_OP_APP.source,
          DetailType: NO_OP_APP.detailType,
          Detail: JSON.stringify({ index: sent + index, padding: 'x'.repeat(512) }),
        })),
      }),
    );
    sent += 10;
    onPut();
  }
}

/** Sends 10 messages, receives and deletes what it gets, again and again. */
async function sqsRoundTrips(
  client: SQSClient,
  queueUrl: string,
  running: () => boolean,
  onRoundTrip: () => void,
): Promise<void> {
  while (running()) {
    await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Array.from({ length: 10 }, (_, index) => ({ Id: String(index), MessageBody: 'y'.repeat(1024) })),
      }),
    );
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );
    if (Messages.length > 0) {
      await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
    }
    onRoundTrip();
  }
}

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
