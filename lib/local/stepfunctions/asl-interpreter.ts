/**
 * The one entry to aws-local-stepfunctions, which the local cloud now uses only for its
 * definition validator (asl-validator, see prepared-definition.ts); executions run on the local
 * interpreter in engine/. Everything in the local cloud reaches the library through this module, which installs the `Promise.withResolvers` polyfill
 * first: the library needs it on Node 20 (see `promise-with-resolvers.ts`).
 */
import './promise-with-resolvers';
import type * as AslLibrary from 'aws-local-stepfunctions' with { 'resolution-mode': 'import' };

// The package is `"type": "module"` with a CommonJS build under `exports.require`; TypeScript
// (module Node16) refuses a static import of it from CommonJS, so it is required explicitly,
// after the polyfill above, with the package's own types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const library = require('aws-local-stepfunctions') as typeof AslLibrary;

/** The interpreter: `new StateMachine(definition, options).run(input, runOptions)`. */
export const StateMachine = library.StateMachine;
export type StateMachine = AslLibrary.StateMachine;
/** Rejection of `run().result` when the execution failed; `cause` is the state's error. */
export const ExecutionError = library.ExecutionError;
/** Rejection of `run().result` after `abort()`. */
export const ExecutionAbortedError = library.ExecutionAbortedError;
/** Rejection of `run().result` when the definition's `TimeoutSeconds` passed. */
export const ExecutionTimeoutError = library.ExecutionTimeoutError;

export type StateMachineDefinition = AslLibrary.StateMachineDefinition;
export type RunOptions = AslLibrary.RunOptions;

/** What one `StateMachine.run` returns. */
export type InterpreterExecution = ReturnType<StateMachine['run']>;

/** One entry of the interpreter's event log (StateEntered, StateFailed, MapIterationStarted, ...). */
export type InterpreterEvent = InterpreterExecution['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A JSON value as the local interpreter (engine/) passes it around. */
export type JsonValue = import('./engine/json').JsonValue;

/** A local handler for a Task state: the state's evaluated arguments in, its result out. */
export type TaskStateHandler = import('./task-handlers').TaskStateHandler;
