import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../infra/project-paths';
import { readCloudAssembly, type AppModel } from '../local/assembly';
import { synthesizeWithoutBundling } from './synthesize-without-bundling';

export interface LoadAppModelOptions {
  /**
   * A cloud assembly to read. When it holds no manifest.json yet, the app is synthesized into it.
   * @default - the app is synthesized into a temporary directory, removed afterwards, so the
   * documents never come from a stale cdk.out
   */
  readonly cdkOut?: string;
  /** Where cdk.json is. @default - the project root */
  readonly projectDirectory?: string;
}

/** The app model the diagram is drawn from: read from a cloud assembly, synthesized (unbundled) if need be. */
export async function loadAppModel(options: LoadAppModelOptions = {}): Promise<AppModel> {
  const projectDirectory = options.projectDirectory ?? PROJECT_ROOT;
  if (options.cdkOut !== undefined) {
    if (!fs.existsSync(path.join(options.cdkOut, 'manifest.json'))) {
      await synthesizeWithoutBundling({ projectDirectory, outputDirectory: options.cdkOut });
    }
    return readCloudAssembly(options.cdkOut);
  }
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'choreo-diagram-'));
  try {
    await synthesizeWithoutBundling({ projectDirectory, outputDirectory: temporary });
    return readCloudAssembly(temporary);
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}
