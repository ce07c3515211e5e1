export * from './local-pipes';
export * from './pipe-batch-processor';
export * from './pipe-definition';
export * from './pipe-input-template';
export * from './pipe-request';
export * from './pipe-services';
export * from './pipes-errors';
export * from './pipes-rest-api';
