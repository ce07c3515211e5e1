export * from './trace-event';
export * from './trace-recorder';
