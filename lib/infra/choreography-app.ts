import { App, type AppProps, type Environment } from 'aws-cdk-lib';
import { SERVICE_NAMES, stackName, type ServiceName } from '../contracts';
import { readAppConfig, type ChoreographyAppConfig } from './app-config';
import { buildVariantApp, type VariantApp } from './variant-app';
import { ConsumerServiceStack } from './stacks/consumer-service-stack';
import { EventBusStack } from './stacks/event-bus-stack';
import { OperationsStack } from './stacks/operations-stack';

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

/** `orders` → `Orders`: the stack name part of a service. */
export function stackPartOf(service: ServiceName): string {
  return `${service.charAt(0).toUpperCase()}${service.slice(1)}`;
}

/**
 * Adds the stacks of the choreographed variant to an app. Stack ids equal stack names, so
 * `cdk deploy 'Choreography-*'` (or `'dev-Choreography-*'`) selects this variant.
 *
 * @example addChoreographyStacks(app, readAppConfig(app.node));
 */
export function addChoreographyStacks(app: App, config: ChoreographyAppConfig, env?: Environment): ChoreographyStacks {
  const { stage, removalPolicy } = config;
  const name = (part: string) => stackName(VARIANT, part, stage);
  const tags = { 'saga:variant': VARIANT, ...(stage ? { 'saga:stage': stage } : {}) };

  const bus = new EventBusStack(app, name('Bus'), {
    stackName: name('Bus'),
    description: 'Choreographed order saga: event bus, archive and audit log',
    variant: VARIANT,
    stage,
    removalPolicy,
    env,
    tags,
  });

  const services = Object.fromEntries(
    SERVICE_NAMES.map((service) => {
      const stack = new ConsumerServiceStack(app, name(stackPartOf(service)), {
        stackName: name(stackPartOf(service)),
        description: `Choreographed order saga: the ${service} service`,
        variant: VARIANT,
        service,
        stage,
        removalPolicy,
        env,
        tags: { ...tags, 'saga:service': service },
      });
      // The service finds the bus by name (no export), so deployment order is declared here.
      stack.addStackDependency(bus, 'rules and PutEvents need the bus');
      return [service, stack];
    }),
  ) as Record<ServiceName, ConsumerServiceStack>;

  const operations = new OperationsStack(app, name('Operations'), {
    stackName: name('Operations'),
    description: 'Choreographed order saga: alarms, alarm topic and dashboard',
    variant: VARIANT,
    services: SERVICE_NAMES,
    stage,
    removalPolicy,
    alarmEmail: config.alarmEmail,
    env,
    tags,
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
