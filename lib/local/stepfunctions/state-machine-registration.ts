import type { PreparedDefinition } from './prepared-definition';

/** `loggingConfiguration` as CreateStateMachine takes it and DescribeStateMachine returns it. */
export interface LoggingConfiguration {
  readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
  readonly includeExecutionData: boolean;
  readonly destinations?: readonly { readonly cloudWatchLogsLogGroup?: { readonly logGroupArn?: string } }[];
}

/** `tracingConfiguration` (X-Ray). */
export interface TracingConfiguration {
  readonly enabled: boolean;
}

/**
 * A state machine to run, as the assembly reader's `StateMachineModel` describes it (that model
 * fits as it is) or CreateStateMachine gives it: the definition is the resolved Amazon States
 * Language text.
 */
export interface StateMachineRegistration {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  /** The template's `LoggingConfiguration` (CloudFormation casing) or the API's. @default - level OFF */
  readonly loggingConfiguration?: unknown;
  /** The template's `TracingConfiguration.Enabled`. @default false */
  readonly tracingEnabled?: boolean;
}

/** A registered state machine, its definition parsed and prepared for the interpreter. */
export interface RegisteredStateMachine {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
  /** AWS ms when it was registered. */
  readonly createdAt: number;
  readonly prepared: PreparedDefinition;
  readonly loggingConfiguration: LoggingConfiguration;
  readonly tracingConfiguration: TracingConfiguration;
  /** Changes with every UpdateStateMachine that changes something. */
  readonly revisionId: string;
  /** AWS ms of the last UpdateStateMachine. @default - never updated */
  readonly updatedAt?: number;
}
