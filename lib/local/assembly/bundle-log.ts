import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FunctionModel } from './app-model';

/** The file, inside the assembly, where `bundle-recorder.js` writes what the synthesis bundled. */
export const BUNDLE_LOG_FILE = '.choreo-bundles.jsonl';

/** One esbuild run of a NodejsFunction's bundling, as the recorder saw it. */
export interface RecordedBundle {
  /**
   * The command that ran: a runner (`esbuild`, `npx --no-install esbuild`, or the project's own
   * node_modules/.bin/esbuild that the recorder runs instead of npx), then esbuild's arguments.
   */
  readonly command: readonly string[];
  readonly cwd: string;
  /** The output file, in the CDK's staging directory (renamed to the asset directory afterwards). */
  readonly outfile: string;
  readonly outputSha256: string;
  /** Absolute paths of every file esbuild read (its metafile's inputs). */
  readonly inputs: readonly string[];
}

/** What a synthesis recorded (empty when the assembly was synthesized without the recorder). */
export interface BundleLog {
  readonly bundles: readonly RecordedBundle[];
  /** Project files the CDK app loaded; undefined when not recorded. */
  readonly appModules?: readonly string[];
}

/** How to build one asset's bundle again: the esbuild arguments that built it, and what it read. */
export interface BundleRecipe {
  /** The asset directory the functions run from. */
  readonly assetDirectory: string;
  /** The functions whose code is this asset. */
  readonly functionNames: readonly string[];
  readonly cwd: string;
  /** esbuild's arguments from `--bundle <entry>` on, without `--outfile` and `--metafile`. */
  readonly esbuildArgs: readonly string[];
  /** The bundle's file name in the asset (`index.js`, `index.mjs`). */
  readonly outfileName: string;
  /** Absolute paths of the files the bundle was built from. */
  readonly inputs: readonly string[];
}

/** Reads the bundle log an assembly was synthesized with. */
export function readBundleLog(assemblyDirectory: string): BundleLog {
  const file = join(assemblyDirectory, BUNDLE_LOG_FILE);
  if (!existsSync(file)) return { bundles: [] };
  const bundles: RecordedBundle[] = [];
  let appModules: string[] | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as ({ type: 'bundle' } & RecordedBundle) | { type: 'app-modules'; files: string[] };
    if (entry.type === 'bundle') bundles.push(entry);
    else appModules = [...(appModules ?? []), ...entry.files];
  }
  return { bundles, ...(appModules ? { appModules } : {}) };
}

/**
 * The recipes of the functions' bundled assets: each asset directory matched to the recorded
 * esbuild run whose output it holds (by content, as the CDK moves the staged output there).
 * Functions whose code is not one recorded esbuild output (inline code, Docker bundling, an
 * asset an `afterBundling` hook changed) have no recipe.
 */
export function bundleRecipes(functions: readonly FunctionModel[], log: BundleLog): BundleRecipe[] {
  const byAsset = new Map<string, string[]>();
  for (const fn of functions) {
    if (fn.code.kind !== 'directory') continue;
    byAsset.set(fn.code.directory, [...(byAsset.get(fn.code.directory) ?? []), fn.name]);
  }
  const recipes: BundleRecipe[] = [];
  for (const [assetDirectory, functionNames] of byAsset) {
    const bundle = log.bundles.find((candidate) => {
      const output = join(assetDirectory, basename(candidate.outfile));
      return existsSync(output) && sha256(output) === candidate.outputSha256;
    });
    const bundleAt = bundle?.command.indexOf('--bundle') ?? -1;
    if (!bundle || bundleAt < 0) continue;
    recipes.push({
      assetDirectory,
      functionNames,
      cwd: bundle.cwd,
      esbuildArgs: bundle.command
        .slice(bundleAt)
        .filter((arg) => !arg.startsWith('--outfile=') && !arg.startsWith('--metafile=')),
      outfileName: basename(bundle.outfile),
      inputs: bundle.inputs,
    });
  }
  return recipes;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
