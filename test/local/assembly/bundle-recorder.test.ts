import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { BUNDLE_LOG_FILE, readBundleLog } from '../../../lib/local/assembly';

const RECORDER = resolve(__dirname, '../../../lib/local/assembly/bundle-recorder.js');

/** A stand-in for esbuild: says who ran and with what, writes the outfile and a metafile. */
function fakeEsbuild(name: string): string {
  return [
    '#!/bin/sh',
    'for arg in "$@"; do',
    '  case "$arg" in',
    '    --outfile=*) out="${arg#--outfile=}" ;;',
    '    --metafile=*) meta="${arg#--metafile=}" ;;',
    '  esac',
    'done',
    `echo "${name} $*" >> "$RUN_LOG"`,
    'printf "bundled" > "$out"',
    `printf '{"inputs":{"src/handler.ts":{}}}' > "$meta"`,
    '',
  ].join('\n');
}

function writeExecutable(path: string, text: string): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/**
 * Runs, in a Node process with the recorder preloaded, the `spawnSync` the CDK makes for a
 * NodejsFunction bundled with a workspace's esbuild; `npx` on PATH is a stand-in too.
 */
function bundleThroughNpx(root: string, cwd: string): { runs: string[]; assembly: string } {
  const assembly = join(root, 'cdk.out');
  mkdirSync(assembly, { recursive: true });
  const runLog = join(root, 'runs.log');
  writeFileSync(runLog, '');
  const script = `
    const { spawnSync } = require('node:child_process');
    const result = spawnSync('npx', ['--no-install', 'esbuild', '--bundle', 'src/handler.ts', '--outfile=${assembly}/index.js'], { cwd: ${JSON.stringify(cwd)} });
    process.exitCode = result.status;
  `;
  execFileSync(process.execPath, ['--require', RECORDER, '-e', script], {
    env: {
      ...process.env,
      PATH: `${join(root, 'fake-bin')}${delimiter}${process.env.PATH ?? ''}`,
      CHOREO_BUNDLE_LOG: join(assembly, BUNDLE_LOG_FILE),
      RUN_LOG: runLog,
    },
  });
  return { runs: readFileSync(runLog, 'utf8').trim().split('\n'), assembly };
}

describe("the synthesis' bundle recorder", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bundle-recorder-'));
    writeExecutable(join(root, 'fake-bin', 'npx'), fakeEsbuild('npx'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("runs the project's own esbuild where the CDK would start it through npx, and records that command", () => {
    // Prepare
    writeFileSync(join(root, 'package.json'), '{}');
    const workspaceEsbuild = join(root, 'node_modules', '.bin', 'esbuild');
    writeExecutable(workspaceEsbuild, fakeEsbuild('workspace-esbuild'));

    // Act
    const { runs, assembly } = bundleThroughNpx(root, root);

    // Assess
    expect(runs).toEqual([
      expect.stringMatching(/^workspace-esbuild --bundle src\/handler\.ts --outfile=\S+\/index\.js --metafile=\S+$/),
    ]);
    expect(readBundleLog(assembly).bundles).toEqual([
      expect.objectContaining({
        command: [workspaceEsbuild, '--bundle', 'src/handler.ts', `--outfile=${assembly}/index.js`],
        cwd: root,
        inputs: [join(root, 'src', 'handler.ts')],
      }),
    ]);
  });

  it('looks where npm looks: the nearest directory with a package.json, from a working directory below it', () => {
    // Prepare
    writeFileSync(join(root, 'package.json'), '{}');
    writeExecutable(join(root, 'node_modules', '.bin', 'esbuild'), fakeEsbuild('workspace-esbuild'));
    const below = join(root, 'infra', 'app');
    mkdirSync(below, { recursive: true });

    // Act
    const { runs } = bundleThroughNpx(root, below);

    // Assess
    expect(runs).toEqual([expect.stringMatching(/^workspace-esbuild --bundle /)]);
  });

  it("leaves the run to npx when npm's local prefix has no such executable (npm would look further)", () => {
    // Prepare: a package of its own without esbuild, inside a project that has one.
    writeFileSync(join(root, 'package.json'), '{}');
    writeExecutable(join(root, 'node_modules', '.bin', 'esbuild'), fakeEsbuild('workspace-esbuild'));
    const nestedPackage = join(root, 'packages', 'api');
    mkdirSync(nestedPackage, { recursive: true });
    writeFileSync(join(nestedPackage, 'package.json'), '{}');

    // Act
    const { runs, assembly } = bundleThroughNpx(root, nestedPackage);

    // Assess
    expect(runs).toEqual([expect.stringMatching(/^npx --no-install esbuild --bundle /)]);
    expect(readBundleLog(assembly).bundles.map((bundle) => bundle.command.slice(0, 3))).toEqual([
      ['npx', '--no-install', 'esbuild'],
    ]);
  });

  it('leaves the run to npx inside an npm workspaces root, where npm looks from the root', () => {
    // Prepare: a workspace with an esbuild of its own; npm would run the root's.
    writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
    const member = join(root, 'packages', 'infra');
    mkdirSync(member, { recursive: true });
    writeFileSync(join(member, 'package.json'), '{}');
    writeExecutable(join(member, 'node_modules', '.bin', 'esbuild'), fakeEsbuild('workspace-esbuild'));

    // Act
    const { runs } = bundleThroughNpx(root, member);

    // Assess
    expect(runs).toEqual([expect.stringMatching(/^npx --no-install esbuild --bundle /)]);
  });
});
