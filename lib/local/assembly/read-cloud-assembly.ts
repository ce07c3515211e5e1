import * as fs from 'node:fs';
import * as path from 'node:path';
import * as cxapi from 'aws-cdk-lib/cx-api';
import type { AppModel } from './app-model';
import { InvalidCloudAssemblyError } from './assembly-errors';
import { buildAppModel, type BuildAppModelOptions } from './build-app-model';
import type { CfnTemplate, StackInput } from './cfn-template';

export type ReadCloudAssemblyOptions = Omit<BuildAppModelOptions, 'assemblyDirectory'>;

/**
 * Reads a synthesized cloud assembly (cdk.out): every stack of manifest.json (nested stage
 * assemblies included), its template and its file assets, and builds the app model.
 *
 * @example
 * const model = readCloudAssembly('cdk.out', { endpointUrl: `http://127.0.0.1:${port}` });
 */
export function readCloudAssembly(directory: string, options: ReadCloudAssemblyOptions = {}): AppModel {
  const assemblyDirectory = path.resolve(directory);
  return buildAppModel(readStackInputs(assemblyDirectory), { ...options, assemblyDirectory });
}

/** The stacks of an assembly as `buildAppModel` takes them. */
export function readStackInputs(directory: string): StackInput[] {
  let assembly: cxapi.CloudAssembly;
  try {
    // The local cloud reads what it can: a newer manifest version is no reason to refuse.
    assembly = new cxapi.CloudAssembly(directory, { skipVersionCheck: true, skipEnumCheck: true });
  } catch (error) {
    throw new InvalidCloudAssemblyError(directory, { cause: error });
  }
  return assembly.stacksRecursively.map((stack) => {
    let template: CfnTemplate;
    try {
      template = stack.template as CfnTemplate;
    } catch (error) {
      throw new InvalidCloudAssemblyError(directory, { cause: error });
    }
    return {
      stackName: stack.stackName,
      artifactId: stack.id,
      template,
      templateFile: stack.templateFullPath,
      dependencies: stack.dependencies
        .filter((dependency) => cxapi.CloudFormationStackArtifact.isCloudFormationStackArtifact(dependency))
        .map((dependency) => dependency.id),
      assetPaths: assetDirectories(stack),
      assemblyDirectory: stack.assembly.directory,
    };
  });
}

/** Directory assets of the stack's asset manifests, by the S3 object key they are published as. */
function assetDirectories(stack: cxapi.CloudFormationStackArtifact): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const dependency of stack.dependencies) {
    if (!cxapi.AssetManifestArtifact.isAssetManifestArtifact(dependency)) {
      continue;
    }
    const manifestDirectory = path.dirname(dependency.file);
    for (const asset of Object.values(dependency.contents.files ?? {})) {
      if (!asset.source.path) {
        continue;
      }
      const source = path.resolve(manifestDirectory, asset.source.path);
      // Directories only: a function's code is a staged directory (a .zip file asset is not unpacked).
      if (!isDirectory(source)) {
        continue;
      }
      for (const destination of Object.values(asset.destinations)) {
        paths[destination.objectKey] = source;
      }
    }
  }
  return paths;
}

function isDirectory(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
