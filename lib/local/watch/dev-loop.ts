import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import {
  bundleRecipes,
  readBundleLog,
  readCloudAssembly,
  synthesizeAppCached,
  type AppModel,
  type BundleRecipe,
} from '../assembly';
import type { LocalCloud } from '../local-cloud';
import { BundleBuildError, rebuildBundle } from './bundle-rebuilder';
import { functionOnlyDifference } from './function-only-difference';
import { DebouncedFileWatcher } from './debounced-file-watcher';
import {
  classifyChanges,
  directoriesToWatch,
  infrastructureFilesOf,
  type SourceChanges,
  type WatchedSources,
} from './source-changes';

export interface DevLoopOptions {
  /** The running cloud, started from a synthesis of `projectDirectory` (not a given `--cdk-out`). */
  readonly cloud: LocalCloud;
  /** @default process.cwd() */
  readonly projectDirectory?: string;
  /** The synthesis context the cloud was started with. @default - none */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * Starts the cloud again on `port` from the assembly just synthesized (the options the first
   * one was started with): how an infrastructure change that cannot be applied in place is taken.
   */
  readonly restart: (port: number) => Promise<LocalCloud>;
  /**
   * Synthesizes the app after an infrastructure change, into the directory the cloud's
   * assembly is read from.
   * @default - `synthesizeAppCached` of `projectDirectory` into its cdk.out, with `context`
   */
  readonly synthesize?: () => Promise<{ readonly assemblyDirectory: string }>;
  /** Called with the new cloud after a restart (seed its tables, print its report). */
  readonly onRestart?: (cloud: LocalCloud) => Promise<void> | void;
  /** One readable line per reload. */
  readonly report: (line: string) => void;
  /** Quiet time that ends a burst of file events. @default 100 */
  readonly debounceMs?: number;
}

/**
 * `choreo local --watch`: keeps a running local cloud in step with the app's sources.
 *
 * - A change to a file a function's bundle was built from (esbuild's metafile, recorded at
 *   synthesis) rebuilds that bundle alone with the same esbuild arguments, and the function runs
 *   the new code from its next invocation: queues and their messages, tables, executions and
 *   every other function's warm environments are kept.
 * - A change to a file the CDK app loads (stack code, cdk.json, the lockfile) synthesizes again;
 *   when only functions changed (code, environment, memory, timeout: what UpdateFunctionCode and
 *   UpdateFunctionConfiguration change), they are updated as above; else the cloud is stopped and
 *   started again in this process, on the same port, and the report says what was lost.
 *
 * @example
 * const loop = DevLoop.start({ cloud, restart: (port) => LocalCloud.start({ port }), report: console.log });
 * // ... edit a handler: "rebuilt orders-handler in 180 ms; next invocation runs the new code"
 * await loop.close();
 */
export class DevLoop {
  private current: LocalCloud | undefined;
  /** The app the current cloud runs, with the function updates applied in place since it started. */
  private model: AppModel;
  private sources: WatchedSources;
  private readonly watcher: DebouncedFileWatcher;
  private readonly projectDirectory: string;
  private readonly codeRoot = mkdtempSync(join(tmpdir(), 'choreo-watch-'));
  private readonly port: number;
  private builds = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly started: LocalCloud[] = [];

  private constructor(private readonly options: DevLoopOptions) {
    this.current = options.cloud;
    this.model = options.cloud.model;
    this.projectDirectory = resolve(options.projectDirectory ?? process.cwd());
    this.port = Number(new URL(options.cloud.endpointUrl).port);
    this.sources = this.sourcesOf(options.cloud.model);
    this.watcher = new DebouncedFileWatcher((paths) => {
      this.queue = this.queue.then(() => this.apply(paths));
    }, options.debounceMs ?? 100);
    this.watcher.watchDirectories(directoriesToWatch(this.sources));
  }

  /** Starts watching; says what it watches, and which functions it cannot rebuild. */
  static start(options: DevLoopOptions): DevLoop {
    const loop = new DevLoop(options);
    loop.describe();
    return loop;
  }

  /** The cloud running now (another one after a restart; none while a restart failed). */
  get cloud(): LocalCloud | undefined {
    return this.current;
  }

  /** Resolves when every change seen so far has been applied. */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** Stops watching, and stops the clouds the loop started itself (not the one it was given). */
  async close(): Promise<void> {
    this.watcher.close();
    await this.queue.catch(() => undefined);
    for (const cloud of this.started) await cloud.stop();
    rmSync(this.codeRoot, { recursive: true, force: true });
  }

  private describe(): void {
    const cloud = this.current;
    if (!cloud) return;
    const rebuildable = new Set(this.sources.recipes.flatMap((recipe) => recipe.functionNames));
    const others = cloud.model.functions.map((fn) => fn.name).filter((name) => !rebuildable.has(name));
    this.options.report(
      `watching ${this.watcher.directories.length} folders: a change to a function's sources rebuilds that function (${rebuildable.size} of ${cloud.model.functions.length}); a change to the app's infrastructure code synthesizes again`,
    );
    if (others.length > 0) {
      this.options.report(
        `not rebuilt on a change (no esbuild bundle recorded for them; an infrastructure change still updates them): ${others.join(', ')}`,
      );
    }
  }

  private sourcesOf(model: AppModel): WatchedSources {
    const log = readBundleLog(model.assemblyDirectory ?? '');
    const recipes = bundleRecipes(model.functions, log);
    return { recipes, infrastructureFiles: infrastructureFilesOf(this.projectDirectory, log, recipes) };
  }

  private async apply(paths: readonly string[]): Promise<void> {
    const changes = classifyChanges(paths, this.sources);
    try {
      if (changes.infrastructure.length > 0) await this.resynthesize(changes);
      else await this.rebuildAll(changes.rebuild);
    } catch (error) {
      this.options.report(`reload failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Rebuilds bundles one per core at a time: a shared module can be read by every function. */
  private async rebuildAll(recipes: readonly BundleRecipe[]): Promise<void> {
    const pending = [...recipes];
    const builder = async (): Promise<void> => {
      for (let recipe = pending.shift(); recipe; recipe = pending.shift()) await this.rebuild(recipe);
    };
    await Promise.all(Array.from({ length: Math.min(availableParallelism(), pending.length) }, builder));
  }

  private async rebuild(recipe: BundleRecipe): Promise<void> {
    const cloud = this.current;
    if (!cloud) return;
    const names = recipe.functionNames.join(', ');
    let rebuilt;
    try {
      rebuilt = await rebuildBundle(recipe, join(this.codeRoot, `${basename(recipe.assetDirectory)}-${++this.builds}`));
    } catch (error) {
      if (!(error instanceof BundleBuildError)) throw error;
      this.options.report(`rebuilding ${names} failed; it keeps running its previous code:\n${error.message}`);
      return;
    }
    for (const name of recipe.functionNames) await cloud.lambda.replaceCode(name, rebuilt.directory);
    // The next change is compared with what this bundle read, and builds from its own directory.
    this.sources = {
      ...this.sources,
      recipes: this.sources.recipes.map((known) => (known === recipe ? { ...recipe, inputs: rebuilt.inputs } : known)),
    };
    this.watcher.watchDirectories(directoriesToWatch(this.sources));
    this.options.report(`rebuilt ${names} in ${Math.round(rebuilt.durationMs)} ms; next invocation runs the new code`);
  }

  private async resynthesize(changes: SourceChanges): Promise<void> {
    const started = performance.now();
    const files = changes.infrastructure.map((path) => relative(this.projectDirectory, path)).join(', ');
    this.options.report(`infrastructure changed (${files}): synthesizing the app…`);
    const { assemblyDirectory } = await (this.options.synthesize?.() ??
      synthesizeAppCached({
        projectDirectory: this.projectDirectory,
        outputDirectory: join(this.projectDirectory, 'cdk.out'),
        context: this.options.context,
      }));
    const cloud = this.current;
    const next = readCloudAssembly(assemblyDirectory, {
      region: this.model.region,
      endpointUrl: this.model.endpointUrl,
    });
    const changed = cloud && functionOnlyDifference(this.model, next);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (cloud && changed) {
      for (const fn of changed) await cloud.lambda.updateFunction(fn);
      this.model = next;
      this.sources = this.sourcesOf(next);
      this.watcher.watchDirectories(directoriesToWatch(this.sources));
      this.options.report(
        changed.length === 0
          ? `synthesized in ${seconds} s: nothing the local cloud runs changed`
          : `synthesized in ${seconds} s: only functions changed; ${changed.map((fn) => fn.name).join(', ')} run their new code and configuration from the next invocation`,
      );
      return;
    }
    await this.restartCloud(seconds);
  }

  private async restartCloud(synthesisSeconds: string): Promise<void> {
    const started = performance.now();
    this.options.report(
      `synthesized in ${synthesisSeconds} s: the resources changed, so the local cloud RESTARTS in this process on port ${this.port}: state not kept under --data starts empty (without --data: queued messages, executions, tables)`,
    );
    await this.current?.stop();
    this.current = undefined;
    const cloud = await this.options.restart(this.port);
    this.started.push(cloud);
    this.current = cloud;
    this.model = cloud.model;
    this.sources = this.sourcesOf(cloud.model);
    this.watcher.watchDirectories(directoriesToWatch(this.sources));
    await this.options.onRestart?.(cloud);
    this.options.report(
      `local cloud restarted at ${cloud.endpointUrl} in ${Math.round(performance.now() - started)} ms`,
    );
  }
}
