import type { App, Environment, RemovalPolicy } from 'aws-cdk-lib';
import { stackName, type Variant } from '../contracts';
import type { ChoreographyAppConfig } from './app-config';
import { EventBusStack } from './stacks/event-bus-stack';

/** How each variant's stack descriptions begin. */
const SAGA_TITLES: Readonly<Record<Variant, string>> = {
  choreography: 'Choreographed order saga',
  orchestration: 'Orchestrated order saga',
};

/** `orders` → `Orders`: the stack name part of a service. */
export function stackPartOf(service: string): string {
  return `${service.charAt(0).toUpperCase()}${service.slice(1)}`;
}

/** What every stack of a variant takes from the app: its name, description, stage, removal policy, environment and tags. */
export interface VariantStackProps {
  readonly stackName: string;
  readonly description: string;
  readonly stage?: string;
  readonly removalPolicy: RemovalPolicy;
  readonly env?: Environment;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Names, describes and tags the stacks of one variant, the same way for both. Stack ids equal
 * stack names, so `cdk deploy 'Choreography-*'` (or `'dev-Choreography-*'`) selects a variant.
 *
 * @example
 * const placement = new VariantStackPlacement('choreography', readAppConfig(app.node));
 * const bus = placement.addBusStack(app);
 */
export class VariantStackPlacement {
  private readonly tags: Readonly<Record<string, string>>;

  constructor(
    readonly variant: Variant,
    private readonly config: ChoreographyAppConfig,
    private readonly env?: Environment,
  ) {
    this.tags = { 'saga:variant': variant, ...(config.stage ? { 'saga:stage': config.stage } : {}) };
  }

  /** The props of the stack named `part` (`Bus`, `Orders`...), described as holding `what`; use `stackName` as its id. */
  propsOf(part: string, what: string, tags: Readonly<Record<string, string>> = {}): VariantStackProps {
    return {
      stackName: stackName(this.variant, part, this.config.stage),
      description: `${SAGA_TITLES[this.variant]}: ${what}`,
      stage: this.config.stage,
      removalPolicy: this.config.removalPolicy,
      env: this.env,
      tags: { ...this.tags, ...tags },
    };
  }

  /** `<Variant>-Bus`: the variant's event bus, archive and audit log, which every other stack finds by name. */
  addBusStack(app: App): EventBusStack {
    const props = this.propsOf('Bus', 'event bus, archive and audit log');
    return new EventBusStack(app, props.stackName, { ...props, variant: this.variant });
  }
}
