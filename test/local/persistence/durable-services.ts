import { LocalPersistence } from '../../../lib/local/persistence';

/** What a test composed on the store: the services it looks at, and how they stop as the local cloud stops them. */
export interface Composed<Services extends object> {
  readonly services: Services;
  close(): unknown;
}

/** Services running on the store under a data directory; `stop` stops them, then closes the store (writing what is staged). */
export type Durable<Services extends object> = Services & { stop(): Promise<void> };

/**
 * Opens the store under `dataDirectory` and lets `compose` build services on its journals and put back what was kept,
 * as the local cloud does at start.
 *
 * @example
 * const startDurableLogs = (dataDirectory: string) =>
 *   startOnStore(dataDirectory, async (persistence) => {
 *     const logs = new LogStore({ clock: new ScaledClock(), journal: persistence.logGroups });
 *     const restored = persistence.logGroups!.restore(logs, await persistence.logGroups!.load());
 *     return { services: { logs, restored }, close: () => undefined };
 *   });
 */
export async function startOnStore<Services extends object>(
  dataDirectory: string,
  compose: (persistence: LocalPersistence) => Promise<Composed<Services>>,
): Promise<Durable<Services>> {
  const persistence = await LocalPersistence.open({ dataDirectory });
  let composed: Composed<Services>;
  try {
    composed = await compose(persistence);
  } catch (error) {
    await persistence.close();
    throw error;
  }
  return {
    ...composed.services,
    async stop() {
      await composed.close();
      await persistence.close();
    },
  };
}

/**
 * Runs `use` on the services being started and stops them after it, whatever it does: how a test looks at what a
 * restart brought back.
 */
export async function whileRunning<Services extends { stop(): Promise<void> }, Result>(
  starting: Promise<Services>,
  use: (services: Services) => Promise<Result> | Result,
): Promise<Result> {
  const services = await starting;
  try {
    return await use(services);
  } finally {
    await services.stop();
  }
}
