import type { RemovalPolicy } from 'aws-cdk-lib';

/**
 * What every stack and construct of the saga is told about the deployment it belongs to: the
 * stage that prefixes its physical names, and what `cdk destroy` does with what holds data.
 */
export interface SagaDeploymentProps {
  /**
   * Stage prefix of every physical name (`dev` → `dev-shop-choreography-orders`).
   * @default - no prefix
   */
  readonly stage?: string;
  /**
   * What `cdk destroy` does with what holds data: tables, log groups, queues, the archive, keys.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The settings of a construct that a stack holding it passes through: every prop but the ones the
 * stack decides itself (`Given`) and the deployment's, all optional.
 */
export type PassedThroughProps<Props, Given extends keyof Props> = Partial<
  Omit<Props, Given | keyof SagaDeploymentProps>
>;
