export * from './dead-letter-queue-names';
export * from './dead-letter-queue-ops';
export * from './dead-letter-reasons';
export * from './ops-errors';
export * from './replay-ops';
