import { busName, type Variant } from '../../contracts';

/** The variant whose saga the state machine runs. */
export const WORKFLOW_VARIANT: Variant = 'orchestration';

/**
 * Physical names of the workflow's resources, fixed so that the operations stack, the CLI and
 * the local cloud find them without CloudFormation exports: `shop-orchestration-saga`,
 * `/aws/vendedlogs/states/shop-orchestration-saga`, `shop-orchestration-workflow-target-dlq`.
 */
export function workflowResourceNames(stage?: string) {
  const prefix = busName(WORKFLOW_VARIANT, stage);
  return {
    stateMachine: `${prefix}-saga`,
    // Step Functions writes vended logs; AWS advises the /aws/vendedlogs/ prefix for their log groups.
    logGroup: `/aws/vendedlogs/states/${prefix}-saga`,
    targetDeadLetterQueue: `${prefix}-workflow-target-dlq`,
  } as const;
}
