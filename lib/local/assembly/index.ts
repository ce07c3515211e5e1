export * from './app-model';
export * from './assembly-errors';
export { buildAppModel, DEFAULT_ENDPOINT_URL, type BuildAppModelOptions } from './build-app-model';
export type { CfnTemplate, CfnResource, StackInput } from './cfn-template';
export { UNRESOLVED_PREFIX } from './intrinsic-resolver';
export { readCloudAssembly, readStackInputs, type ReadCloudAssemblyOptions } from './read-cloud-assembly';
export { synthesizeApp, type SynthesizeAppOptions } from './synthesize-app';
export { appInputHash, listAppInputs, PINNING_FILES, type AppInputHashOptions, type AppInputs } from './app-input-hash';
export {
  BUNDLE_LOG_FILE,
  bundleRecipes,
  readBundleLog,
  type BundleLog,
  type BundleRecipe,
  type RecordedBundle,
} from './bundle-log';
export {
  INPUT_HASH_FILE,
  storedInputHash,
  synthesizeAppCached,
  type CachedSynthesis,
  type CachedSynthesisOptions,
} from './cached-synthesis';
