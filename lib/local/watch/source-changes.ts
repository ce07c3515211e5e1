import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { listAppInputs, PINNING_FILES, type BundleLog, type BundleRecipe } from '../assembly';

/** What a batch of changed files asks for. */
export interface SourceChanges {
  /** Bundles one of whose inputs changed: build these again and swap their functions' code. */
  readonly rebuild: readonly BundleRecipe[];
  /** Changed files the CDK app itself reads: synthesize again. */
  readonly infrastructure: readonly string[];
}

/** The files whose change is an infrastructure change, and the bundles with what each was built from. */
export interface WatchedSources {
  readonly recipes: readonly BundleRecipe[];
  readonly infrastructureFiles: ReadonlySet<string>;
}

/**
 * Sorts changed files (absolute paths) into the bundles to rebuild and the infrastructure
 * changes. A file the CDK app loads is infrastructure even when a bundle reads it too (a shared
 * contract can change a rule's pattern as well as a handler): the synthesis that follows rebuilds
 * the bundles anyway. Files neither reads (tests, docs, editor swap files) are ignored.
 */
export function classifyChanges(paths: Iterable<string>, sources: WatchedSources): SourceChanges {
  const rebuild = new Set<BundleRecipe>();
  const infrastructure: string[] = [];
  for (const path of new Set(paths)) {
    if (sources.infrastructureFiles.has(path)) {
      infrastructure.push(path);
      continue;
    }
    for (const recipe of sources.recipes) if (recipe.inputs.includes(path)) rebuild.add(recipe);
  }
  return { rebuild: [...rebuild], infrastructure: infrastructure.sort() };
}

/**
 * The files of the project whose change means synthesizing again: the project files the CDK app
 * loaded (recorded at synthesis) plus what pins the build (cdk.json, the lockfile, tsconfig.json).
 * Without a record of the app's modules, the app's inputs as `cdk.json`'s `watch` states them,
 * less the files only bundles read.
 */
export function infrastructureFilesOf(
  projectDirectory: string,
  log: BundleLog,
  recipes: readonly BundleRecipe[],
): Set<string> {
  const root = resolve(projectDirectory);
  const pinning = PINNING_FILES.map((file) => join(root, file)).filter((file) => existsSync(file));
  if (log.appModules) return new Set([...log.appModules, ...pinning]);
  const bundleInputs = new Set(recipes.flatMap((recipe) => recipe.inputs));
  const appInputs = listAppInputs({ projectDirectory: root, excludeDirectories: [join(root, 'cdk.out')] }).files.map(
    (file) => join(root, ...file.split('/')),
  );
  return new Set([...appInputs.filter((file) => !bundleInputs.has(file)), ...pinning]);
}

/** The directories to watch: those holding a bundle input or an infrastructure file, outside node_modules. */
export function directoriesToWatch(sources: WatchedSources): string[] {
  const files = [...sources.infrastructureFiles, ...sources.recipes.flatMap((recipe) => recipe.inputs)];
  return [...new Set(files.map((file) => dirname(file)))]
    .filter((directory) => !directory.split(sep).includes('node_modules') && existsSync(directory))
    .sort();
}
