import { RemovalPolicy } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { InvalidInfraConfigError } from './infra-errors';

/** The `-c key=value` context keys the app reads. */
export const CONTEXT_KEYS = {
  /** Optional stage name, prefixed to every stack and resource name (`dev` → `dev-Choreography-Bus`). */
  stage: 'stage',
  /** `destroy` for throwaway stages; anything stateful is retained otherwise. */
  removalPolicy: 'removalPolicy',
  /** Optional e-mail address subscribed to the alarm topic. */
  alarmEmail: 'alarmEmail',
} as const;

/** What the context asks of one synthesis of the app. */
export interface ChoreographyAppConfig {
  /**
   * Prefix of stack and resource names.
   * @default - no prefix: `Choreography-Bus`, `shop-choreography`
   */
  readonly stage?: string;
  /** What `cdk destroy` does with tables, log groups, queues, the archive and keys. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Address subscribed to the alarm topic.
   * @default - no subscription: subscribe by hand or through another stack
   */
  readonly alarmEmail?: string;
}

/**
 * Stage names end up in stack names, queue, table, function (64 characters at most) and archive
 * names (48 at most): lowercase letters, digits and inner hyphens, 16 characters at most.
 */
const STAGE_PATTERN = /^[a-z](?:[a-z0-9-]{0,14}[a-z0-9])?$/;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const REMOVAL_POLICIES: Readonly<Record<string, RemovalPolicy>> = {
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};

/** Throws {@link InvalidInfraConfigError} unless `stage` is undefined or a valid stage name. */
export function validateStage(stage: string | undefined): void {
  if (stage !== undefined && !STAGE_PATTERN.test(stage)) {
    throw new InvalidInfraConfigError(
      `stage must be 1 to 16 lowercase letters, digits or inner hyphens starting with a letter, got '${stage}'`,
    );
  }
}

/**
 * Reads and validates the app's context (`-c stage=dev -c removalPolicy=destroy -c alarmEmail=a@b.c`).
 *
 * @example readAppConfig(app.node) // { stage: undefined, removalPolicy: RemovalPolicy.RETAIN }
 */
export function readAppConfig(node: Node): ChoreographyAppConfig {
  const stage = optionalString(node, CONTEXT_KEYS.stage);
  validateStage(stage);

  const removalPolicyName = optionalString(node, CONTEXT_KEYS.removalPolicy) ?? 'retain';
  const removalPolicy = REMOVAL_POLICIES[removalPolicyName];
  if (removalPolicy === undefined) {
    throw new InvalidInfraConfigError(`removalPolicy must be 'retain' or 'destroy', got '${removalPolicyName}'`);
  }

  const alarmEmail = optionalString(node, CONTEXT_KEYS.alarmEmail);
  if (alarmEmail !== undefined && !EMAIL_PATTERN.test(alarmEmail)) {
    throw new InvalidInfraConfigError(`alarmEmail must be an e-mail address, got '${alarmEmail}'`);
  }
  return { stage, removalPolicy, alarmEmail };
}

/** A context value as a string; an empty string counts as absent (`-c stage=`). */
function optionalString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InvalidInfraConfigError(`context '${key}' must be a string, got '${JSON.stringify(value)}'`);
  }
  return value;
}
