import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynthesisError } from '../local/assembly';
import { CdkAppNotFoundError } from './diagram-errors';

export interface SynthesizeWithoutBundlingOptions {
  /** Where cdk.json is. */
  readonly projectDirectory: string;
  /** Where the cloud assembly is written. */
  readonly outputDirectory: string;
  /** @default 300000 (5 minutes) */
  readonly timeoutMs?: number;
}

/** The context key that lists the stacks whose assets are bundled; empty means none. */
const BUNDLING_STACKS = 'aws:cdk:bundling-stacks';

/**
 * Runs the project's CDK app (the `app` command of cdk.json) the way the CDK CLI does — with
 * `CDK_OUTDIR` and the context of cdk.json and cdk.context.json in `CDK_CONTEXT_JSON` — but with
 * no stack bundled and no template validation: the diagram needs templates, not Lambda bundles,
 * and `cdk synth` always bundles (it overrides a `-c aws:cdk:bundling-stacks=[]`).
 * Resolves to the assembly directory; rejects with `SynthesisError` and the end of the output.
 */
export function synthesizeWithoutBundling(options: SynthesizeWithoutBundlingOptions): Promise<string> {
  const projectDirectory = path.resolve(options.projectDirectory);
  const outputDirectory = path.resolve(options.outputDirectory);
  const { app, context } = readCdkJson(projectDirectory);
  const cachedContext = readJsonObject(path.join(projectDirectory, 'cdk.context.json')) ?? {};
  const env = {
    ...process.env,
    CDK_OUTDIR: outputDirectory,
    CDK_CONTEXT_JSON: JSON.stringify({ ...cachedContext, ...context, [BUNDLING_STACKS]: [] }),
    CDK_VALIDATION: 'false',
  };
  fs.mkdirSync(outputDirectory, { recursive: true });
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout ends the app and not just the shell that runs it.
    const child = spawn(app, {
      cwd: projectDirectory,
      env,
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new SynthesisError(app, null, error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && fs.existsSync(path.join(outputDirectory, 'manifest.json'))) {
        resolve(outputDirectory);
      } else {
        reject(new SynthesisError(app, code, output || 'no manifest.json was written'));
      }
    });
  });
}

function readCdkJson(projectDirectory: string): { app: string; context: Record<string, unknown> } {
  let cdkJson: Record<string, unknown> | undefined;
  try {
    cdkJson = readJsonObject(path.join(projectDirectory, 'cdk.json'));
  } catch (error) {
    throw new CdkAppNotFoundError(projectDirectory, { cause: error });
  }
  const app = cdkJson?.['app'];
  if (typeof app !== 'string' || app.trim() === '') throw new CdkAppNotFoundError(projectDirectory);
  const context = cdkJson?.['context'];
  return { app, context: typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {} };
}

/** The JSON object in a file, or undefined when there is no such file. */
function readJsonObject(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
}
