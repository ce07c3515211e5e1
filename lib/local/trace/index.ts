export * from './trace-event';
export * from './trace-recorder';
export * from './trace-correlator';
export * from './trace-file-writer';
