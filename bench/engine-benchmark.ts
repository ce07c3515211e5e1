import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LocalCloud } from '../lib/local/local-cloud';
import { NO_OP_APP, synthesizeNoOpApp } from './apps/no-op-app';
import { BenchmarkError, type BenchRun, type Figures } from './bench-run';
import { putEventsRate, sqsSendReceiveRate } from './endpoint-workload';
import { startMotoServer } from './moto-server';
import { figureOf } from './results-file';
import { hopLatencies, percentile } from './trace-latency';
import { SAGA_CORRELATOR } from '../lib/saga/saga-correlator';

const EVENTS_PER_RUN = 400;
const ENDPOINT_OPERATIONS = 300;
const PROJECT_ROOT = join(__dirname, '..');

/**
 * Figures of the local endpoint and the event engine, on a local cloud running the no-op app:
 * `endpoint.*` (requests/s through the stock SDK), `moto.*` and `ratio.*` (the same workload
 * against moto_server, when installed), `engine.events-per-second` (bus → rule → queue →
 * no-op Lambda) and `engine.hop-latency.p50`/`p99`.
 */
export async function benchmarkEngine(run: BenchRun): Promise<Figures> {
  const assemblyDirectory = mkdtempSync(join(tmpdir(), 'choreo-bench-no-op-'));
  try {
    synthesizeNoOpApp(assemblyDirectory);
    const cloud = await LocalCloud.start({
      correlator: SAGA_CORRELATOR,
      projectDirectory: PROJECT_ROOT,
      assemblyDirectory,
      port: 0,
      timeScale: 1,
    });
    let figures: Figures;
    try {
      figures = {
        ...(await endpointFigures('endpoint', cloud.endpointUrl, run)),
        ...(await engineFigures(cloud, run)),
      };
    } finally {
      await cloud.stop();
    }
    return { ...figures, ...(await motoFigures(figures, run)) };
  } finally {
    rmSync(assemblyDirectory, { recursive: true, force: true });
  }
}

async function endpointFigures(prefix: string, endpointUrl: string, run: BenchRun): Promise<Figures> {
  const putEvents: number[] = [];
  const sendReceive: number[] = [];
  for (let index = 0; index < run.runs; index++) {
    run.log(`${prefix}: run ${index + 1} of ${run.runs}`);
    putEvents.push(await putEventsRate({ endpointUrl, operations: ENDPOINT_OPERATIONS }));
    sendReceive.push(
      await sqsSendReceiveRate({ endpointUrl, operations: ENDPOINT_OPERATIONS / 3, queueName: 'bench-endpoint' }),
    );
  }
  return {
    [`${prefix}.put-events`]: figureOf(putEvents, 'requests/s'),
    [`${prefix}.sqs-send-receive`]: figureOf(sendReceive, 'round trips/s'),
  };
}

async function motoFigures(local: Figures, run: BenchRun): Promise<Figures> {
  const moto = await startMotoServer();
  if (!moto) {
    run.note('moto.* and ratio.* skipped: moto_server is not installed (pip install "moto[server]")');
    return {};
  }
  try {
    const figures = await endpointFigures('moto', moto.endpointUrl, run);
    const ratios: Figures = {};
    for (const workload of ['put-events', 'sqs-send-receive']) {
      const ours = local[`endpoint.${workload}`];
      const theirs = figures[`moto.${workload}`];
      if (!ours || !theirs) continue;
      // Ratios are kept in hundredths, since figures are rounded to whole numbers.
      ratios[`ratio.${workload}-vs-moto`] = {
        median: Math.round((ours.median / theirs.median) * 100),
        min: Math.round((ours.min / theirs.max) * 100),
        max: Math.round((ours.max / theirs.min) * 100),
        unit: 'local/moto × 100',
        runs: Math.min(ours.runs, theirs.runs),
      };
    }
    return { ...figures, ...ratios };
  } finally {
    await moto.stop();
  }
}

async function engineFigures(cloud: LocalCloud, run: BenchRun): Promise<Figures> {
  const client = new EventBridgeClient({
    endpoint: cloud.endpointUrl,
    region: cloud.model.region,
    credentials: { accessKeyId: 'bench-client', secretAccessKey: 'local' },
  });
  const rates: number[] = [];
  const hops: number[] = [];
  try {
    // The first run warms the worker pool up (cold starts) and is not counted.
    for (let index = 0; index <= run.runs; index++) {
      run.log(`engine: run ${index} of ${run.runs}${index === 0 ? ' (warm-up)' : ''}`);
      const result = await engineRun(cloud, client, `run${index}`);
      if (index === 0) continue;
      rates.push(result.eventsPerSecond);
      hops.push(...result.hops);
    }
  } finally {
    client.destroy();
  }
  return {
    'engine.events-per-second': figureOf(rates, 'events/s'),
    'engine.hop-latency.p50': latencyFigure(hops, 50, run.runs),
    'engine.hop-latency.p99': latencyFigure(hops, 99, run.runs),
  };
}

/** A percentile over every sample of every run, as a figure (min and max are the samples'). */
export function latencyFigure(samples: readonly number[], p: number, runs: number): ReturnType<typeof figureOf> {
  const value = percentile(samples, p);
  return {
    median: Math.round(value),
    min: Math.round(percentile(samples, 0)),
    max: Math.round(percentile(samples, 100)),
    unit: `ms (p${p} of ${samples.length})`,
    runs,
  };
}

async function engineRun(
  cloud: LocalCloud,
  client: EventBridgeClient,
  tag: string,
): Promise<{ eventsPerSecond: number; hops: number[] }> {
  const ids = Array.from({ length: EVENTS_PER_RUN }, (_, index) => `engine-${tag}-${index}`);
  const pending = new Set(ids);
  const batchesByRequest = new Map<string, readonly string[]>();
  const firstSeq = cloud.trace.size;
  let finishedAt = 0;
  const unsubscribe = cloud.trace.subscribe((event) => {
    if (event.kind === 'invocation.started') batchesByRequest.set(event.requestId, event.correlationIds);
    if (event.kind === 'invocation.ended' && event.outcome === 'success') {
      for (const id of batchesByRequest.get(event.requestId) ?? []) pending.delete(id);
      if (pending.size === 0 && finishedAt === 0) finishedAt = performance.now();
    }
  });
  const started = performance.now();
  const batches: string[][] = [];
  for (let index = 0; index < ids.length; index += 10) batches.push(ids.slice(index, index + 10));
  // Two PutEvents in flight, as a busy producer would have.
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        await client.send(
          new PutEventsCommand({
            Entries: batch.map((correlationId) => ({
              EventBusName: NO_OP_APP.busName,
              Source: NO_OP_APP.source,
              DetailType: NO_OP_APP.detailType,
              Detail: JSON.stringify({
                metadata: { eventId: `${correlationId}-e`, correlationId },
                data: { payload: 'x'.repeat(200) },
              }),
            })),
          }),
        );
      }
    }),
  );
  try {
    await cloud.whenQuiet({ timeoutMs: 120_000 });
  } finally {
    unsubscribe();
  }
  if (pending.size > 0)
    throw new BenchmarkError(`${pending.size} of ${EVENTS_PER_RUN} engine events were never handled (run '${tag}')`);
  const trace = cloud.trace.events().slice(firstSeq);
  return { eventsPerSecond: EVENTS_PER_RUN / ((finishedAt - started) / 1000), hops: hopLatencies(trace) };
}
