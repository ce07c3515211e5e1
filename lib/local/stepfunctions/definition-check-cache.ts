import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The answers of a slow check that depends on nothing but a definition's text and the libraries
 * that answer it: asl-validator builds a new Ajv and compiles its JSON schemas on every call
 * (~0.3 s on two cores, per distinct definition). Answers are kept in memory and in
 * `directory`, one JSON file per definition named by its SHA-256, so a restarted local cloud (and
 * every test file that starts one) reads the answer instead of compiling again. The directory is
 * named by the check and its libraries' versions, so an upgrade starts afresh. The files are a
 * cache only: one that cannot be read or written is computed again, never an error.
 *
 * @example
 * const cache = definitionCheckCache<string | null>('asl-schema', ['asl-validator']);
 * const problem = cache.answer(definitionText, () => validate(definitionText));
 */
export class DefinitionCheckCache<T> {
  private readonly memory = new Map<string, T>();

  /** @param directory where answers are kept across processes; `undefined` keeps them in memory only */
  constructor(private readonly directory: string | undefined) {}

  /** The check's answer for `definitionText`: remembered, read from disk, or `compute()`d and kept. */
  answer(definitionText: string, compute: () => T): T {
    const remembered = this.memory.get(definitionText);
    if (remembered !== undefined) return remembered;
    const file = this.directory && join(this.directory, `${sha256(definitionText)}.json`);
    let value = file ? readAnswer<T>(file) : undefined;
    if (value === undefined) {
      value = compute();
      if (file) writeAnswer(file, value);
    }
    this.memory.set(definitionText, value);
    return value;
  }
}

/**
 * A cache for the check `check` answered by the packages `libraries`, under the project's
 * `node_modules/.cache` (where build tools keep theirs), beside the first library.
 */
export function definitionCheckCache<T>(check: string, libraries: readonly string[]): DefinitionCheckCache<T> {
  try {
    const installed = libraries.map(installedPackage);
    const nodeModules = dirname(installed[0]?.directory ?? '');
    const versions = installed.map(({ name, version }) => `${name.replace('/', '+')}@${version}`).join('-');
    return new DefinitionCheckCache<T>(join(nodeModules, '.cache', 'serverless-choreography', `${check}-${versions}`));
  } catch {
    return new DefinitionCheckCache<T>(undefined);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readAnswer<T>(file: string): T | undefined {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { answer?: T };
    return stored.answer;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a reader in another process never sees half a file. */
function writeAnswer<T>(file: string, value: T): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.tmp`;
    writeFileSync(partial, JSON.stringify({ answer: value }));
    renameSync(partial, file);
  } catch {
    // A read-only or full disk: the answer is still remembered in memory.
  }
}

/**
 * Where an installed package is and its version, found from its main module (its exports may hide
 * package.json).
 */
function installedPackage(name: string): { name: string; directory: string; version: string } {
  let directory = dirname(require.resolve(name));
  const marker = join('node_modules', ...name.split('/'));
  while (!directory.endsWith(marker)) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no package directory for '${name}'`);
    directory = parent;
  }
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error(`no version in '${name}'s package.json`);
  return { name, directory, version: manifest.version };
}
