import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { compileGlob } from './glob-pattern';

/** Files that pin what the app is built with, hashed whatever `watch` says. */
export const PINNING_FILES: readonly string[] = [
  'cdk.json',
  'cdk.context.json',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'tsconfig.json',
];

/** Never app sources: dependencies, VCS data and synthesis outputs. */
const ALWAYS_EXCLUDED = ['node_modules', '.git', 'cdk.out', 'cdk.out.*'];

export interface AppInputs {
  /** `/`-separated paths relative to the project, sorted. */
  readonly files: readonly string[];
}

export interface AppInputHashOptions {
  readonly projectDirectory: string;
  /** `-c key=value` pairs the synthesis gets. @default - none */
  readonly context?: Readonly<Record<string, string>>;
  /** Directories (absolute or relative to the project) that never count as inputs, like the output. */
  readonly excludeDirectories?: readonly string[];
  /** Anything else the synthesis depends on (its options), folded into the hash. */
  readonly salt?: string;
}

/**
 * The app's source files: what `cdk.json`'s `watch.include` selects minus `watch.exclude` (the
 * CDK's own statement of what the app is built from), else every file of the project outside
 * dependencies and outputs; plus the files that pin the build (cdk.json, the lockfile).
 */
export function listAppInputs(options: AppInputHashOptions): AppInputs {
  const root = resolve(options.projectDirectory);
  const watch = readWatchSettings(root);
  const includes = (watch.include ?? ['**']).map(compileGlob);
  const excludes = [...ALWAYS_EXCLUDED, ...(watch.exclude ?? [])].map(compileGlob);
  const excludedDirectories = (options.excludeDirectories ?? []).map((directory) => resolve(root, directory));
  const files = new Set<string>(PINNING_FILES.filter((file) => existsSync(join(root, file))));
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const absolute = join(directory, entry.name);
      const path = relative(root, absolute).split(sep).join('/');
      if (excludes.some((excluded) => excluded(path))) continue;
      if (entry.isDirectory()) {
        if (!excludedDirectories.includes(absolute)) visit(absolute);
      } else if (entry.isFile() && includes.some((included) => included(path))) {
        files.add(path);
      }
    }
  };
  visit(root);
  return { files: [...files].sort() };
}

/**
 * A content hash of everything a synthesis of the app reads: its source files (see
 * {@link listAppInputs}), the lockfile, the context and `salt`. Equal hashes mean the assembly
 * synthesized from one can stand for the other.
 */
export function appInputHash(options: AppInputHashOptions): string {
  const root = resolve(options.projectDirectory);
  const hash = createHash('sha256');
  const context = Object.entries(options.context ?? {}).sort(([a], [b]) => a.localeCompare(b));
  hash.update(JSON.stringify({ context, salt: options.salt ?? '' }));
  for (const file of listAppInputs(options).files) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

interface WatchSettings {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

function readWatchSettings(root: string): WatchSettings {
  const file = join(root, 'cdk.json');
  if (!existsSync(file)) return {};
  try {
    const watch = (JSON.parse(readFileSync(file, 'utf8')) as { watch?: { include?: unknown; exclude?: unknown } })
      .watch;
    return { include: stringList(watch?.include), exclude: stringList(watch?.exclude) };
  } catch {
    return {};
  }
}

function stringList(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
