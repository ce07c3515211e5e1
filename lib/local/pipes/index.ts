export * from './local-pipes';
export * from './pipe-batch-processor';
export * from './pipe-definition';
export * from './pipe-input-template';
export * from './pipe-services';
