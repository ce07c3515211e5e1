export * from './caller-identity-of';
export * from './sts-api';
