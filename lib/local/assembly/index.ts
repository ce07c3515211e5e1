export * from './app-model';
export * from './assembly-errors';
export { buildAppModel, DEFAULT_ENDPOINT_URL, type BuildAppModelOptions } from './build-app-model';
export type { CfnTemplate, CfnResource, StackInput } from './cfn-template';
export { UNRESOLVED_PREFIX } from './intrinsic-resolver';
export { readCloudAssembly, readStackInputs, type ReadCloudAssemblyOptions } from './read-cloud-assembly';
export { synthesizeApp, type SynthesizeAppOptions } from './synthesize-app';
