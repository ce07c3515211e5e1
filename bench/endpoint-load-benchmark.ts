import { runChild } from './child-output';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  DeleteQueueCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LocalCloud } from '../lib/local/local-cloud';
import { synthesizeNoOpApp } from './apps/no-op-app';
import { BenchmarkError, type BenchRun, type Figures } from './bench-run';
import type { LoadResult, LoadScenario } from './endpoint-load-generator';
import { startMotoServer } from './moto-server';
import { figureOf, figureWithDecimals } from './results-file';

const PROJECT_ROOT = join(__dirname, '..');
const REGION = 'us-east-1';
const SECONDS_PER_RUN = 5;
const WARM_UP_SECONDS = 1;
const CONNECTIONS = 10;
const SETUP_CREDENTIALS = { accessKeyId: 'bench-load', secretAccessKey: 'bench-load-secret' } as const;
const LOAD = {
  source: 'bench.load',
  detailType: 'Pinged',
  targetQueue: 'bench-load-rule-target',
  roundTripQueue: 'bench-load-round-trip',
  rule: 'bench-load-to-queue',
} as const;

type Workload = 'put-events-sqs' | 'sqs-send-receive-delete';
const WORKLOADS: readonly Workload[] = ['put-events-sqs', 'sqs-send-receive-delete'];

interface Server {
  readonly name: 'local' | 'moto';
  readonly url: string;
  readonly ruleArn: string;
  /** The rule's target queue now (a new one per run, see retarget). */
  targetQueueUrl: string;
  readonly roundTripQueueUrl: string;
}

/**
 * The `load` group: the endpoint's own cost, measured by a load generator in a separate process
 * (bench/endpoint-load-generator.ts) so the load generator is not in the server's process, on
 * the local cloud and on moto_server in the same run (runs alternate between the two):
 * - `load.put-events-sqs.*`: PutEvents of one entry to the default bus, where a rule created
 *   through the API sends it to an SQS queue (both servers deliver it before answering);
 * - `load.sqs-send-receive-delete.*`: SendMessage, ReceiveMessage, DeleteMessage per connection.
 * Each has `.local` and `.moto` (requests/s), `.local.p99` and `.moto.p99` (ms), and `.ratio`
 * (local requests/s over moto's). SigV4-signed JSON-protocol requests, 10 connections,
 * 5 s per run after a 1 s warm-up.
 */
export async function benchmarkEndpointLoad(run: BenchRun): Promise<Figures> {
  const assemblyDirectory = mkdtempSync(join(tmpdir(), 'choreo-bench-load-'));
  const cloud = await LocalCloud.start({
    projectDirectory: PROJECT_ROOT,
    assemblyDirectory: synthesizeNoOpApp(assemblyDirectory),
    port: 0,
    timeScale: 1,
  });
  const moto = await startMotoServer();
  try {
    const servers = [await prepareServer('local', cloud.endpointUrl)];
    let targets = 0;
    if (moto) servers.push(await prepareServer('moto', moto.endpointUrl));
    else run.note('load.*.moto and load.*.ratio skipped: moto_server is not installed (pip install "moto[server]")');
    const results = new Map<string, LoadResult[]>();
    for (const workload of WORKLOADS) {
      for (const server of servers) await runLoad(server, workload, WARM_UP_SECONDS);
      for (let index = 0; index < run.runs; index++) {
        // Alternating servers run by run, so a change in the machine's load falls on both.
        for (const server of index % 2 === 0 ? servers : [...servers].reverse()) {
          run.log(`load ${workload} on ${server.name}: run ${index + 1} of ${run.runs}`);
          if (workload === 'put-events-sqs') server.targetQueueUrl = await retarget(server, ++targets);
          const result = await runLoad(server, workload, SECONDS_PER_RUN);
          const key = `${workload}.${server.name}`;
          results.set(key, [...(results.get(key) ?? []), result]);
        }
      }
    }
    return figuresOf(results);
  } finally {
    await moto?.stop();
    await cloud.stop();
    rmSync(assemblyDirectory, { recursive: true, force: true });
  }
}

function figuresOf(results: ReadonlyMap<string, readonly LoadResult[]>): Figures {
  const figures: Figures = {};
  for (const workload of WORKLOADS) {
    const local = results.get(`${workload}.local`) ?? [];
    const moto = results.get(`${workload}.moto`) ?? [];
    for (const [name, measured] of [
      ['local', local],
      ['moto', moto],
    ] as const) {
      if (measured.length === 0) continue;
      figures[`load.${workload}.${name}`] = figureOf(
        measured.map((result) => result.requestsPerSecond),
        'requests/s',
      );
      figures[`load.${workload}.${name}.p99`] = figureOf(
        measured.map((result) => result.latencyP99Ms),
        'ms',
      );
    }
    if (local.length > 0 && local.length === moto.length) {
      // Run by run: each local run against the moto run beside it.
      figures[`load.${workload}.ratio`] = figureWithDecimals(
        local.map((result, index) => result.requestsPerSecond / (moto[index] as LoadResult).requestsPerSecond),
        'local/moto requests/s',
        1,
      );
    }
  }
  return figures;
}

/** The queues and the rule both workloads need, created through the API the same way on both servers. */
async function prepareServer(name: Server['name'], url: string): Promise<Server> {
  const sqs = new SQSClient(clientConfig(url));
  const events = new EventBridgeClient(clientConfig(url));
  try {
    const roundTripQueueUrl = await createQueue(sqs, LOAD.roundTripQueue);
    const { RuleArn } = await events.send(
      new PutRuleCommand({
        Name: LOAD.rule,
        EventPattern: JSON.stringify({ source: [LOAD.source], 'detail-type': [LOAD.detailType] }),
      }),
    );
    if (!RuleArn) throw new BenchmarkError(`${name}: PutRule returned no RuleArn`);
    const server: Server = { name, url, roundTripQueueUrl, ruleArn: RuleArn, targetQueueUrl: '' };
    return { ...server, targetQueueUrl: await retarget(server, 0) };
  } finally {
    sqs.destroy();
    events.destroy();
  }
}

/**
 * Points the rule at a new, empty queue (deleting the one before), so every run starts alike:
 * the rule's deliveries pile up in the queue, and PurgeQueue is allowed once a minute.
 */
async function retarget(server: Server, run: number): Promise<string> {
  const sqs = new SQSClient(clientConfig(server.url));
  const events = new EventBridgeClient(clientConfig(server.url));
  try {
    const queueUrl = await createQueue(sqs, `${LOAD.targetQueue}-${run}`);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queueArn = Attributes?.['QueueArn'];
    if (!queueArn) throw new BenchmarkError(`${server.name}: the target queue has no QueueArn`);
    // As on AWS, the queue's policy lets the rule send to it.
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'events.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: queueArn,
                Condition: { ArnEquals: { 'aws:SourceArn': server.ruleArn } },
              },
            ],
          }),
        },
      }),
    );
    await events.send(new PutTargetsCommand({ Rule: LOAD.rule, Targets: [{ Id: 'queue', Arn: queueArn }] }));
    if (server.targetQueueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: server.targetQueueUrl }));
    return queueUrl;
  } finally {
    sqs.destroy();
    events.destroy();
  }
}

function clientConfig(url: string) {
  return { endpoint: url, region: REGION, credentials: SETUP_CREDENTIALS, maxAttempts: 1 };
}

async function createQueue(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new BenchmarkError(`CreateQueue '${queueName}' returned no url`);
  return QueueUrl;
}

async function runLoad(server: Server, workload: Workload, seconds: number): Promise<LoadResult> {
  const scenario: LoadScenario =
    workload === 'put-events-sqs'
      ? {
          kind: 'put-events',
          url: server.url,
          region: REGION,
          busName: 'default',
          source: LOAD.source,
          detailType: LOAD.detailType,
          seconds,
          connections: CONNECTIONS,
        }
      : {
          kind: 'sqs-send-receive-delete',
          url: server.url,
          region: REGION,
          queueUrl: server.roundTripQueueUrl,
          seconds,
          connections: CONNECTIONS,
        };
  const result = await runLoadGenerator(scenario);
  if (result.requests === 0 || result.non2xx + result.errors > result.requests / 100) {
    throw new BenchmarkError(
      `${workload} on ${server.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors in ${result.requests} requests`,
    );
  }
  return result;
}

async function runLoadGenerator(scenario: LoadScenario): Promise<LoadResult> {
  const { code, output, errors } = await runChild(process.execPath, [
    require.resolve('tsx/cli'),
    join(__dirname, 'endpoint-load-generator.ts'),
    JSON.stringify(scenario),
  ]);
  if (code !== 0) throw new BenchmarkError(`the load generator exited with code ${code}: ${errors.trim()}`);
  try {
    return JSON.parse(output.trim().split('\n').pop() ?? '') as LoadResult;
  } catch {
    throw new BenchmarkError(`the load generator printed no result: ${output.slice(-500)}`);
  }
}
