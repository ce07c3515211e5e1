import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appInputHash } from './app-input-hash';
import { synthesizeApp, type SynthesizeAppOptions } from './synthesize-app';

/** The file, inside the assembly, that holds the hash of the inputs it was synthesized from. */
export const INPUT_HASH_FILE = '.choreo-input-hash';

export interface CachedSynthesisOptions extends SynthesizeAppOptions {
  /** Synthesize even when the stored hash matches (`--synth`). @default false */
  readonly force?: boolean;
}

export interface CachedSynthesis {
  readonly assemblyDirectory: string;
  /** True when the stored assembly was reused without running `cdk synth`. */
  readonly reused: boolean;
  /** The hash of the inputs, as stored with the assembly. */
  readonly inputHash: string;
}

/**
 * Synthesizes the app unless the assembly in the output directory was synthesized from the same
 * inputs (sources, lockfile, context: see `appInputHash`), in which case it is reused as it is:
 * a restart with no change skips `cdk synth` and every bundling step.
 *
 * @example const { assemblyDirectory, reused } = await synthesizeAppCached({ projectDirectory: '.' });
 */
export async function synthesizeAppCached(options: CachedSynthesisOptions): Promise<CachedSynthesis> {
  const outputDirectory = resolve(options.outputDirectory ?? join(options.projectDirectory, 'cdk.out'));
  const hashFile = join(outputDirectory, INPUT_HASH_FILE);
  const inputHash = appInputHash({
    projectDirectory: options.projectDirectory,
    context: options.context,
    excludeDirectories: [outputDirectory],
    salt: `validation=${String(options.validation ?? false)} app=${options.app ?? ''}`,
  });
  if (
    !options.force &&
    existsSync(join(outputDirectory, 'manifest.json')) &&
    existsSync(hashFile) &&
    readFileSync(hashFile, 'utf8').trim() === inputHash
  ) {
    return { assemblyDirectory: outputDirectory, reused: true, inputHash };
  }
  // A synthesis that fails half-way must not leave an old hash beside a half-written assembly.
  rmSync(hashFile, { force: true });
  const assemblyDirectory = await synthesizeApp({ ...options, outputDirectory });
  writeFileSync(hashFile, `${inputHash}\n`);
  return { assemblyDirectory, reused: false, inputHash };
}

/** The input hash stored with an assembly, if any. */
export function storedInputHash(assemblyDirectory: string): string | undefined {
  const file = join(assemblyDirectory, INPUT_HASH_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
