export * from './aws-json';
export * from './aws-service-error';
export * from './caller-identity';
export * from './json-body';
export * from './local-endpoint';
export * from './request-params';
export * from './start-local-endpoint';
