/**
 * The event contracts of the order saga: names, sources, zod schemas, inferred types and
 * rule-pattern helpers. Imported by every other layer; imports nothing of the project.
 */
export * from './sources';
export * from './metadata';
export * from './event-id';
export * from './define-event';
export * from './order-content';
export * from './events';
export * from './catalogue';
export * from './patterns';
export * from './variants';
export * from './runtime-environment';
