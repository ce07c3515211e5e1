export { BundleBuildError, rebuildBundle, type RebuiltBundle } from './bundle-rebuilder';
export { functionOnlyDifference } from './function-only-difference';
export { DebouncedFileWatcher } from './debounced-file-watcher';
export { DevLoop, type DevLoopOptions } from './dev-loop';
export * from './source-changes';
