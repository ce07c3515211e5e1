import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BundleRecipe } from '../assembly';

/** A bundle built again from its recipe. */
export interface RebuiltBundle {
  /** The new code directory: the new bundle beside the asset's other files. */
  readonly directory: string;
  /** What the new bundle read (esbuild's metafile): an import added or removed counts from now on. */
  readonly inputs: readonly string[];
  readonly durationMs: number;
}

/** esbuild refused to build (a syntax error, an import that does not resolve): its own words. */
export class BundleBuildError extends Error {
  constructor(
    readonly assetDirectory: string,
    readonly output: string,
  ) {
    super(output.trim().split('\n').slice(0, 12).join('\n') || `esbuild failed for ${assetDirectory}`);
    this.name = 'BundleBuildError';
  }
}

/**
 * Builds a function's bundle again with the same esbuild arguments the CDK's bundling used
 * (`recipe.esbuildArgs`, from the synthesis's bundle log), into `directory`, with a metafile that
 * lists what it read. The asset's other files (a `node_modules` the bundling installed, say) are
 * copied beside the new bundle; the asset directory itself is never written: the cached assembly
 * stays what it was synthesized as.
 *
 * @example const { directory } = await rebuildBundle(recipe, '/tmp/choreo-watch/asset.1234-2');
 */
export async function rebuildBundle(recipe: BundleRecipe, directory: string): Promise<RebuiltBundle> {
  const started = performance.now();
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const metafile = `${directory}.meta.json`;
  try {
    await runEsbuild(recipe, [
      ...recipe.esbuildArgs,
      `--outfile=${join(directory, recipe.outfileName)}`,
      `--metafile=${metafile}`,
    ]);
    const bundled = new Set(readdirSync(directory));
    for (const entry of readdirSync(recipe.assetDirectory)) {
      if (!bundled.has(entry)) cpSync(join(recipe.assetDirectory, entry), join(directory, entry), { recursive: true });
    }
    const inputs = Object.keys((JSON.parse(readFileSync(metafile, 'utf8')) as { inputs: object }).inputs)
      .filter((input) => !/^[a-z-]+:/i.test(input))
      .map((input) => resolve(recipe.cwd, input));
    return { directory, inputs, durationMs: performance.now() - started };
  } finally {
    rmSync(metafile, { force: true });
  }
}

/** The esbuild of the project the bundle was built in (the one `npx --no-install esbuild` ran). */
function esbuildBinary(cwd: string): string {
  const manifest = require.resolve('esbuild/package.json', { paths: [cwd, __dirname] });
  return join(dirname(manifest), 'bin', 'esbuild');
}

function runEsbuild(recipe: BundleRecipe, args: readonly string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      esbuildBinary(recipe.cwd),
      [...args],
      { cwd: recipe.cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error) reject(new BundleBuildError(recipe.assetDirectory, stderr || error.message));
        else resolvePromise();
      },
    );
  });
}
