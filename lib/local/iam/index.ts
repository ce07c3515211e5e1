export * from './access-denied-error';
export * from './condition-operators';
export * from './evaluate-access';
export * from './local-iam-enforcer';
export * from './required-permissions';
export * from './resource-references';
export * from './iam-request-guard';
export * from './service-role-access';
