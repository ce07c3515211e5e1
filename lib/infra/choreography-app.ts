import { App, type AppProps, type Environment } from 'aws-cdk-lib';
import { SERVICE_NAMES, type ServiceName } from '../contracts';
import { readAppConfig, type ChoreographyAppConfig } from './app-config';
import { buildVariantApp, type VariantApp } from './variant-app';
import { ConsumerServiceStack } from './stacks/consumer-service-stack';
import type { EventBusStack } from './stacks/event-bus-stack';
import { OperationsStack } from './stacks/operations-stack';
import { stackPartOf, VariantStackPlacement } from './variant-stack-placement';

const VARIANT = 'choreography';

/** The stacks of the choreographed variant. */
export interface ChoreographyStacks {
  /** `Choreography-Bus`. */
  readonly bus: EventBusStack;
  /** `Choreography-Orders`, `-Inventory`, `-Payments`, `-Shipping`, `-Notifications`. */
  readonly services: Readonly<Record<ServiceName, ConsumerServiceStack>>;
  /** `Choreography-Operations`. */
  readonly operations: OperationsStack;
}

/**
 * Adds the stacks of the choreographed variant to an app (see {@link VariantStackPlacement} for
 * their names).
 *
 * @example addChoreographyStacks(app, readAppConfig(app.node));
 */
export function addChoreographyStacks(app: App, config: ChoreographyAppConfig, env?: Environment): ChoreographyStacks {
  const placement = new VariantStackPlacement(VARIANT, config, env);
  const bus = placement.addBusStack(app);

  const services = Object.fromEntries(
    SERVICE_NAMES.map((service) => {
      const props = placement.propsOf(stackPartOf(service), `the ${service} service`, { 'saga:service': service });
      const stack = new ConsumerServiceStack(app, props.stackName, { ...props, variant: VARIANT, service });
      // The service finds the bus by name (no export), so deployment order is declared here.
      stack.addStackDependency(bus, 'rules and PutEvents need the bus');
      return [service, stack];
    }),
  ) as Record<ServiceName, ConsumerServiceStack>;

  const operationsProps = placement.propsOf('Operations', 'alarms, alarm topic and dashboard');
  const operations = new OperationsStack(app, operationsProps.stackName, {
    ...operationsProps,
    variant: VARIANT,
    services: SERVICE_NAMES,
    alarmEmail: config.alarmEmail,
  });
  for (const stack of Object.values(services)) {
    operations.addStackDependency(stack, 'alarms watch the service queues');
  }
  operations.addStackDependency(bus, 'alarms watch the audit dead-letter queue');

  return { bus, services, operations };
}

/** An app holding the choreographed variant, and the config read from its context. */
export type ChoreographyApp = VariantApp<ChoreographyAppConfig, ChoreographyStacks>;

/**
 * Builds the choreographed variant in a new App with the given context (see {@link buildVariantApp}).
 *
 * @example const { app, stacks } = buildChoreographyApp({ stage: 'dev', 'aws:cdk:bundling-stacks': [] });
 */
export function buildChoreographyApp(
  context: Record<string, unknown> = {},
  props: Omit<AppProps, 'context'> = {},
): ChoreographyApp {
  return buildVariantApp(context, props, (app) => readAppConfig(app.node), addChoreographyStacks);
}
