import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * One case of the Step Functions conformance corpus (test/fixtures/stepfunctions-conformance):
 * a definition, an input, fake Lambda functions, and what AWS gives for it, with the AWS source
 * the expectation follows.
 */
export interface ConformanceCase {
  readonly name: string;
  /** The AWS documentation page or AWS-recorded snapshot the expectation follows. */
  readonly source: string;
  readonly definition: unknown;
  readonly input: unknown;
  /** Fake functions by name: what call n does (the last entry repeats). */
  readonly functions?: Record<string, readonly FunctionBehaviour[]>;
  readonly executionName?: string;
  /** The name the state machine is created with (`$$.StateMachine.Name`). @default - one of its own */
  readonly stateMachineName?: string;
  readonly expect: Expectation;
  /** The exact sequence of history event types. */
  readonly history?: readonly string[];
  /** The assignedVariables of a state's Exited event, by state name. */
  readonly assignedVariables?: Record<string, Record<string, string>>;
  /** How many times each function was called. */
  readonly calls?: Record<string, number>;
  /** The least AWS time the execution takes (Waits). */
  readonly minElapsedSeconds?: number;
}

export type FunctionBehaviour =
  | { readonly return: unknown }
  | { readonly throw: { readonly errorType: string; readonly errorMessage: string } }
  | { readonly echoInput: true }
  | { readonly hang: true };

export interface Expectation {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly output?: unknown;
  /** The output matches this (a subset). */
  readonly outputMatches?: unknown;
  /** The output is a list of this length. */
  readonly outputLength?: number;
  /** The output's `Cause` is JSON text matching this. */
  readonly outputCausePayload?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly causeContains?: string;
}

export interface ConformanceSuite {
  /** `<group>/<file>` under the corpus folder. */
  readonly file: string;
  readonly category: string;
  readonly source: string;
  readonly cases: readonly ConformanceCase[];
}

export const CORPUS_DIRECTORY = path.join(__dirname, '../../../fixtures/stepfunctions-conformance');

/** Every suite of the corpus, sorted by file. */
export function loadCorpus(directory = CORPUS_DIRECTORY): ConformanceSuite[] {
  const files = readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.map((file) => ({
    file,
    ...(JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as Omit<ConformanceSuite, 'file'>),
  }));
}
