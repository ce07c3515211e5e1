import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynthesisError } from './assembly-errors';
import { BUNDLE_LOG_FILE } from './bundle-log';

export interface SynthesizeAppOptions {
  /** Where cdk.json is. */
  readonly projectDirectory: string;
  /** @default '<projectDirectory>/cdk.out' */
  readonly outputDirectory?: string;
  /** `-c key=value` pairs. @default - none */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * Run CDK's built-in CloudFormation template validation. It takes most of a synthesis (about
   * 15 s for a small app here), and infra tests and cdk-nag check the templates anyway.
   * @default false
   */
  readonly validation?: boolean;
  /**
   * The app command (`cdk --app`), for an app without a cdk.json (`node tsx/cli app.ts`).
   * @default - the `app` of the project's cdk.json
   */
  readonly app?: string;
  /** @default 300000 (5 minutes) */
  readonly timeoutMs?: number;
}

/**
 * Runs `cdk synth --quiet -o <outputDirectory>` in the project with the project's own CDK CLI
 * (no npx lookup, works offline) and resolves to the assembly directory.
 * Rejects with `SynthesisError` (and the end of the CLI's output) when synthesis fails.
 */
export function synthesizeApp(options: SynthesizeAppOptions): Promise<string> {
  const outputDirectory = path.resolve(options.outputDirectory ?? path.join(options.projectDirectory, 'cdk.out'));
  const cli = require.resolve('aws-cdk/bin/cdk', { paths: [options.projectDirectory, __dirname] });
  const validation = options.validation ?? false;
  const args = [
    cli,
    'synth',
    '--quiet',
    '--ci',
    '--no-notices',
    validation ? '--validation' : '--no-validation',
    '-o',
    outputDirectory,
  ];
  if (options.app !== undefined) args.push('--app', options.app);
  for (const [key, value] of Object.entries(options.context ?? {})) {
    args.push('-c', `${key}=${value}`);
  }
  const command = `cdk ${args.slice(1).join(' ')}`;
  // What each function's bundle was built from, for `choreo local --watch` (see bundle-recorder.js).
  const bundleLog = path.join(outputDirectory, BUNDLE_LOG_FILE);
  fs.mkdirSync(outputDirectory, { recursive: true });
  fs.rmSync(bundleLog, { force: true });
  const recorder = path.join(__dirname, 'bundle-recorder.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.projectDirectory,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...(validation ? {} : { CDK_VALIDATION: 'false' }),
        CHOREO_BUNDLE_LOG: bundleLog,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${recorder}"`.trim(),
      },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new SynthesisError(command, null, error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(outputDirectory);
      } else {
        reject(new SynthesisError(command, code, output));
      }
    });
  });
}
