/**
 * The CDK infrastructure of the saga: constructs, stacks, the app builder and the cdk-nag setup.
 */
export * from './app-config';
export * from './infra-errors';
export * from './project-paths';
export * from './prop-ranges';
export * from './nag-packs';
export * from './choreography-app';
export * from './deployment-props';
export * from './variant-stack-placement';
export * from './constructs/all-events-pattern';
export * from './constructs/audit-log-group-target';
export * from './constructs/dead-letter-queue';
export * from './constructs/consumer-service';
export * from './constructs/consumer-service-settings';
export * from './constructs/events-to-queue';
export * from './constructs/queue-to-function';
export * from './constructs/service-function';
export * from './constructs/saga-function-defaults';
export * from './constructs/service-table';
export * from './constructs/saga-function-role';
export * from './constructs/saga-event-bus';
export * from './constructs/saga-metrics';
export * from './constructs/saga-alarms';
export * from './constructs/notifying-alarm';
export * from './constructs/saga-dashboard';
export * from './stacks/event-bus-stack';
export * from './stacks/consumer-service-stack';
export * from './stacks/operations-stack';
