import type { PreparedDefinition } from './prepared-definition';

/**
 * A state machine to run, as the assembly reader's `StateMachineModel` describes it (that model
 * fits as it is): the definition is the resolved Amazon States Language text.
 */
export interface StateMachineRegistration {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
  readonly roleArn: string;
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
}
