'use strict';
/**
 * Preloaded (`NODE_OPTIONS=--require`) into the processes of a `cdk synth` that `synthesizeApp`
 * runs, when `CHOREO_BUNDLE_LOG` names a file. It records, as JSON Lines in that file:
 *
 * - `bundle`: each esbuild run a NodejsFunction's local bundling makes (the CDK runs it with
 *   `spawnSync`), with the exact command, its working directory, the output's SHA-256 (to find
 *   the asset directory it became) and esbuild's own list of the bundle's inputs (its metafile).
 *   `choreo local --watch` reruns the same command to rebuild one function after a change to one
 *   of its inputs.
 * - `app-modules`: the project files the CDK app itself loaded, so that a change to one of them
 *   is known to be an infrastructure change.
 *
 * It also runs the project's own esbuild directly where the CDK runs it through npx (see
 * `localBinary`): npm's start-up took ~0.5 s of each function's ~0.6 s bundling.
 *
 * Plain JavaScript, because it loads into every Node process of the synthesis (the CDK CLI, npx,
 * tsx, the app). It never changes what the synthesis produces: the same esbuild executable runs
 * with the same arguments in the same directory, the metafile it asks esbuild for is written
 * outside the output directory and removed, and any failure of its own is swallowed.
 */
const childProcess = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const logFile = process.env.CHOREO_BUNDLE_LOG;

function record(entry) {
  try {
    fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
  } catch {
    // Recording is a convenience of --watch: it must never fail a synthesis.
  }
}

function optionValue(args, name) {
  const found = args.find((arg) => typeof arg === 'string' && arg.startsWith(`${name}=`));
  return found === undefined ? undefined : found.slice(name.length + 1);
}

/** esbuild's input keys are paths relative to its working directory, or `namespace:path` for virtual ones. */
function inputPaths(metafile, cwd) {
  const inputs = JSON.parse(fs.readFileSync(metafile, 'utf8')).inputs || {};
  return Object.keys(inputs)
    .filter((input) => !/^[a-z-]+:/i.test(input) || /^[a-z]:[\\/]/i.test(input))
    .map((input) => path.resolve(cwd, input));
}

/**
 * The executable `npx --no-install <name> …` runs, when npm would find it in the project: the
 * CDK bundles with the project's own esbuild that way, once per function. npm runs `<name>` from
 * the node_modules/.bin of its local prefix — the nearest directory, from `cwd` up, that holds a
 * package.json or a node_modules — and otherwise looks further (globally, then fails); so only
 * that first place is taken here. Anything else stays with npx: Windows' `npx.cmd`, other npx
 * options, a name not found there, and a prefix inside an npm workspaces root (npm then looks
 * from the root instead).
 */
function localBinary(command, argv, cwd) {
  if (command !== 'npx' || argv[0] !== '--no-install' || !/^[\w.-]+$/.test(String(argv[1]))) return undefined;
  const prefix = ancestors(path.resolve(cwd)).find(
    (directory) =>
      fs.existsSync(path.join(directory, 'package.json')) || fs.existsSync(path.join(directory, 'node_modules')),
  );
  if (prefix === undefined || ancestors(path.dirname(prefix)).some(declaresWorkspaces)) return undefined;
  const binary = path.join(prefix, 'node_modules', '.bin', argv[1]);
  try {
    fs.accessSync(binary, fs.constants.X_OK);
    return binary;
  } catch {
    return undefined;
  }
}

/** `directory` and every directory above it, nearest first. */
function ancestors(directory) {
  const found = [directory];
  for (let parent = path.dirname(directory); parent !== found[found.length - 1]; parent = path.dirname(parent)) {
    found.push(parent);
  }
  return found;
}

function declaresWorkspaces(directory) {
  try {
    return JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')).workspaces !== undefined;
  } catch {
    return false;
  }
}

if (logFile) {
  const spawnSync = childProcess.spawnSync;
  childProcess.spawnSync = function recordingSpawnSync(givenCommand, args, options) {
    const givenArgv = Array.isArray(args) ? args : [];
    const outfile = optionValue(givenArgv, '--outfile');
    if (!givenArgv.includes('--bundle') || outfile === undefined) {
      return spawnSync.apply(this, arguments);
    }
    const cwd = (options && options.cwd) || process.cwd();
    const binary = localBinary(givenCommand, givenArgv, cwd);
    const command = binary ?? givenCommand;
    const argv = binary ? givenArgv.slice(2) : givenArgv;
    const ownMetafile = optionValue(argv, '--metafile');
    const metafile =
      ownMetafile === undefined
        ? path.join(os.tmpdir(), `choreo-esbuild-meta-${process.pid}-${crypto.randomBytes(6).toString('hex')}.json`)
        : path.resolve(cwd, ownMetafile);
    const result = spawnSync.call(
      this,
      command,
      ownMetafile === undefined ? [...argv, `--metafile=${metafile}`] : argv,
      options,
    );
    try {
      if (result.status === 0) {
        const output = path.resolve(cwd, outfile);
        record({
          type: 'bundle',
          command: [command, ...argv],
          cwd,
          outfile: output,
          outputSha256: crypto.createHash('sha256').update(fs.readFileSync(output)).digest('hex'),
          inputs: inputPaths(metafile, cwd),
        });
      }
    } catch {
      // Not recorded: --watch will not rebuild this function, the synthesis is unaffected.
    } finally {
      if (ownMetafile === undefined) fs.rmSync(metafile, { force: true });
    }
    return result;
  };

  process.once('exit', () => {
    const files = Object.keys(require.cache);
    // Only the process that ran the CDK app: it loaded aws-cdk-lib.
    if (!files.some((file) => file.includes(`${path.sep}aws-cdk-lib${path.sep}`))) return;
    record({
      type: 'app-modules',
      files: files.filter(
        (file) => file !== __filename && path.isAbsolute(file) && !file.split(path.sep).includes('node_modules'),
      ),
    });
  });
}
