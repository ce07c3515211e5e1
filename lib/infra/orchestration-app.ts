import { App, type AppProps, type Environment } from 'aws-cdk-lib';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ORCHESTRATED_SERVICE_NAMES, type OrchestratedServiceName } from '../contracts';
import { readAppConfig, type ChoreographyAppConfig } from './app-config';
import { buildVariantApp, type VariantApp } from './variant-app';
import type { EventBusStack } from './stacks/event-bus-stack';
import { OrchestrationOperationsStack } from './stacks/orchestration-operations-stack';
import { OrchestrationServiceStack } from './stacks/orchestration-service-stack';
import { OrchestrationWorkflowStack } from './stacks/orchestration-workflow-stack';
import { stackPartOf, VariantStackPlacement } from './variant-stack-placement';
import { WORKFLOW_VARIANT } from './workflow/workflow-names';
import { WORKFLOW_TYPE_CONTEXT_KEY, workflowTypeOf } from './workflow/workflow-type';

/** What the orchestrated variant reads from the context: the app config and the workflow type. */
export interface OrchestrationAppConfig extends ChoreographyAppConfig {
  /** `-c workflowType=EXPRESS`; STANDARD otherwise. */
  readonly workflowType: sfn.StateMachineType;
}

/**
 * Reads the app config and `-c workflowType=STANDARD|EXPRESS`.
 * @throws InvalidInfraConfigError for an invalid value
 */
export function readOrchestrationConfig(app: App): OrchestrationAppConfig {
  return {
    ...readAppConfig(app.node),
    workflowType: workflowTypeOf(app.node.tryGetContext(WORKFLOW_TYPE_CONTEXT_KEY)),
  };
}

/** The stacks of the orchestrated variant. */
export interface OrchestrationStacks {
  /** `Orchestration-Bus`. */
  readonly bus: EventBusStack;
  /** `Orchestration-Orders`, `-Inventory`, `-Payments`, `-Shipping`, `-Notifications`: tables and task functions. */
  readonly services: Readonly<Record<OrchestratedServiceName, OrchestrationServiceStack>>;
  /** `Orchestration-Workflow`: the state machine and its OrderPlaced rule. */
  readonly workflow: OrchestrationWorkflowStack;
  /** `Orchestration-Operations`. */
  readonly operations: OrchestrationOperationsStack;
}

/**
 * Adds the stacks of the orchestrated variant to an app (see {@link VariantStackPlacement} for
 * their names).
 *
 * @example addOrchestrationStacks(app, readOrchestrationConfig(app));
 */
export function addOrchestrationStacks(
  app: App,
  config: OrchestrationAppConfig,
  env?: Environment,
): OrchestrationStacks {
  const placement = new VariantStackPlacement(WORKFLOW_VARIANT, config, env);
  const bus = placement.addBusStack(app);

  const services = Object.fromEntries(
    ORCHESTRATED_SERVICE_NAMES.map((service) => {
      const props = placement.propsOf(stackPartOf(service), `the ${service} table and task function`, {
        'saga:service': service,
      });
      return [service, new OrchestrationServiceStack(app, props.stackName, { ...props, service })];
    }),
  ) as Record<OrchestratedServiceName, OrchestrationServiceStack>;

  const workflowProps = placement.propsOf(
    'Workflow',
    `the ${config.workflowType} state machine and its OrderPlaced rule`,
  );
  const workflow = new OrchestrationWorkflowStack(app, workflowProps.stackName, {
    ...workflowProps,
    stateMachineType: config.workflowType,
  });
  // The workflow finds the bus and the functions by name (no exports), so deployment order is declared here.
  workflow.addStackDependency(bus, 'the OrderPlaced rule and PutEvents need the bus');
  for (const stack of Object.values(services)) {
    workflow.addStackDependency(stack, 'the state machine invokes the task functions');
  }

  const operationsProps = placement.propsOf('Operations', 'alarms and alarm topic');
  const operations = new OrchestrationOperationsStack(app, operationsProps.stackName, {
    ...operationsProps,
    alarmEmail: config.alarmEmail,
  });
  operations.addStackDependency(workflow, 'alarms watch the state machine and its target dead-letter queue');
  operations.addStackDependency(bus, 'alarms watch the audit dead-letter queue');

  return { bus, services, workflow, operations };
}

/** An app holding the orchestrated variant, and the config read from its context. */
export type OrchestrationApp = VariantApp<OrchestrationAppConfig, OrchestrationStacks>;

/**
 * Builds the orchestrated variant in a new App with the given context (see {@link buildVariantApp}).
 *
 * @example const { stacks } = buildOrchestrationApp({ workflowType: 'EXPRESS', 'aws:cdk:bundling-stacks': [] });
 */
export function buildOrchestrationApp(
  context: Record<string, unknown> = {},
  props: Omit<AppProps, 'context'> = {},
): OrchestrationApp {
  return buildVariantApp(context, props, readOrchestrationConfig, addOrchestrationStacks);
}

/** Every stack of the orchestrated variant. */
export function orchestrationStacksOf(stacks: OrchestrationStacks) {
  return [stacks.bus, ...Object.values(stacks.services), stacks.workflow, stacks.operations];
}
