export * from './durable-store';
export * from './event-outbox-store';
export * from './execution-store';
export * from './level-store';
export * from './local-persistence';
export * from './sqs-store';
export * from './transaction-undo-store';
export * from './rule-store';
