import { LocalCloud } from '../../../lib/local/local-cloud';
import { fixtureAppAssembly } from './fixture-apps';

/** Client settings for the SDK against a local cloud. */
export function clientConfig(cloud: LocalCloud) {
  return {
    endpoint: cloud.endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    // StartSyncExecution and a few other operations prefix the host (`sync-127.0.0.1`): keep the endpoint's.
    disableHostPrefix: true,
  };
}

/** Boots the local cloud on a fixture app's synthesized assembly, on a free port. */
export function startAppCloud(name: string, options: { readonly timeScale?: number } = {}): Promise<LocalCloud> {
  return LocalCloud.start({ assemblyDirectory: fixtureAppAssembly(name), port: 0, timeScale: options.timeScale ?? 1 });
}

/** Polls `probe` (wall time) until it returns something, or gives up with `undefined`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  withinWallMs = 10_000,
): Promise<T | undefined> {
  const deadline = Date.now() + withinWallMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** The queue URL of the output named `outputName` of the app's (only) stack. */
export function stackOutput(cloud: LocalCloud, outputName: string): string {
  for (const stack of cloud.model.stacks) {
    const value = stack.outputs[outputName];
    if (typeof value === 'string') return value;
  }
  throw new Error(`no stack output '${outputName}'`);
}
