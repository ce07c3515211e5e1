import { LocalCloud, type LocalCloudOptions } from '../../local/local-cloud';
import { TraceFileWriter } from '../../local/trace';
import { TerminalLogPrinter } from '../../local/logs';
import { LOCAL_CREDENTIALS } from '../aws-clients';
import type { CliContext } from '../cli-context';
import type { LocalCloudOptionValues } from './local-cloud-options';
import { SAGA_CORRELATOR } from '../../saga/saga-correlator';

/** What a command adds to the shared options when it boots: a chaos run's faults, a timeout floor. */
export type LocalCloudExtras = Pick<LocalCloudOptions, 'faults' | 'minTimeoutWallMs' | 'logSink'>;

/**
 * Boots the local cloud that the options of {@link addLocalCloudOptions} describe (`--port`,
 * `--time-scale`, `--cdk-out`, `--data`, `--no-iam`), plus what the command itself adds.
 *
 * @example const cloud = await startLocalCloudFrom(options, { faults });
 */
export async function startLocalCloudFrom(
  options: LocalCloudOptionValues,
  extras: LocalCloudExtras = {},
): Promise<LocalCloud> {
  const cloud = await LocalCloud.start({
    correlator: SAGA_CORRELATOR,
    assemblyDirectory: options.cdkOut,
    port: options.port,
    timeScale: options.timeScale,
    dataDirectory: options.data,
    dataSync: options.dataSync,
    iam: options.iam,
    isolation: options.isolation,
    synth: options.synth,
    allowDeprecatedRuntimes: options.allowDeprecatedRuntimes,
    allowedHosts: options.allowHost,
    verifySignatures: options.verifySignatures ? { clientCredentials: acceptedClientCredentials() } : undefined,
    ...(options.traceBuffer !== undefined ? { traceCapacity: options.traceBuffer } : {}),
    ...extras,
  });
  // --trace-out gets every record as it happens, however small the in-memory ring; a restarted
  // cloud (--watch) appends to the same file.
  if (options.traceOut) {
    traceWriters.set(
      cloud,
      TraceFileWriter.start(cloud.trace, options.traceOut, { append: traceFilesOpened.has(options.traceOut) }),
    );
    traceFilesOpened.add(options.traceOut);
  }
  return cloud;
}

const traceWriters = new WeakMap<LocalCloud, TraceFileWriter>();
const traceFilesOpened = new Set<string>();

/** The pairs callers may sign with under `--verify-signatures`: the CLI's `--local` pair and this shell's. */
function acceptedClientCredentials(): { accessKeyId: string; secretAccessKey: string }[] {
  const fromEnvironment =
    process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY
      ? [{ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }]
      : [];
  return [{ ...LOCAL_CREDENTIALS }, ...fromEnvironment];
}

/** Stops a cloud booted by {@link startLocalCloudFrom}, then closes its `--trace-out` file. */
export async function stopLocalCloudFrom(cloud: LocalCloud, _options: LocalCloudOptionValues): Promise<void> {
  try {
    await cloud.stop();
  } finally {
    await traceWriters.get(cloud)?.close();
  }
}

/** What `work` gets besides the cloud. */
export interface LocalCloudBoot {
  /**
   * Starts another cloud with the same options, sink and extras on `port`, reusing the assembly
   * just synthesized (`--watch` restarts with it); the caller stops it.
   */
  readonly restart: (port: number) => Promise<LocalCloud>;
}

/**
 * Boots the local cloud from the shared options, notes on stderr when it is up, runs `work` on
 * it and stops it (writing `--trace-out`) whether `work` succeeds or throws: the life cycle of
 * every command that runs the app locally (`demo`, `compare`, `chaos`, `local`).
 *
 * @example
 * await withLocalCloudFrom(options, context, async (cloud) => {
 *   await runSagaOnLocalCloud(cloud, { variant: 'choreography', orders: 5 });
 * });
 */
export async function withLocalCloudFrom<T>(
  options: LocalCloudOptionValues,
  context: CliContext,
  work: (cloud: LocalCloud, boot: LocalCloudBoot) => Promise<T>,
  extras: LocalCloudExtras = {},
): Promise<T> {
  const started = Date.now();
  context.note(
    options.cdkOut
      ? 'booting the local cloud…'
      : 'booting the local cloud (synthesizing the app if its sources changed)…',
  );
  const printer =
    options.logs === 'none'
      ? undefined
      : new TerminalLogPrinter({
          mode: options.logs,
          functionFilter: options.logsFilter,
          write: context.note,
          color: process.stderr.isTTY === true,
        });
  const withSink = { ...(printer ? { logSink: printer } : {}), ...extras };
  const cloud = await startLocalCloudFrom(options, withSink);
  printer?.useFunctionNames(cloud.model.functions.map((fn) => fn.name));
  const restart = async (port: number): Promise<LocalCloud> => {
    const next = await startLocalCloudFrom({ ...options, port, synth: false }, withSink);
    printer?.useFunctionNames(next.model.functions.map((fn) => fn.name));
    return next;
  };
  try {
    const origin = { reused: ', assembly reused', synthesized: ', app synthesized', given: '' }[cloud.assemblyOrigin];
    context.note(`local cloud up at ${cloud.endpointUrl} in ${Date.now() - started} ms${origin}`);
    for (const warning of cloud.lambda.warnings) context.note(`warning: ${warning}`);
    return await work(cloud, { restart });
  } finally {
    await stopLocalCloudFrom(cloud, options);
  }
}
