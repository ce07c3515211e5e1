import type { ServiceName } from './sources';

/** The two ways this project runs the saga. */
export type Variant = 'choreography' | 'orchestration';
export const VARIANTS: readonly Variant[] = ['choreography', 'orchestration'];

export interface VariantNaming {
  /** CloudFormation stack name prefix: `Choreography` → `Choreography-Bus`, `Choreography-Orders`. */
  readonly stackPrefix: string;
  /** The custom event bus the variant's events travel on. */
  readonly busName: string;
}

export const VARIANT_NAMING: Readonly<Record<Variant, VariantNaming>> = {
  choreography: { stackPrefix: 'Choreography', busName: 'shop-choreography' },
  orchestration: { stackPrefix: 'Orchestration', busName: 'shop-orchestration' },
};

export function isVariant(value: unknown): value is Variant {
  return value === 'choreography' || value === 'orchestration';
}

/** A stage name prefixes every stack and resource name: `dev` → `dev-Choreography-Bus`. */
export function stagePrefix(stage: string | undefined): string {
  return stage ? `${stage}-` : '';
}

export function stackName(variant: Variant, part: string, stage?: string): string {
  return `${stagePrefix(stage)}${VARIANT_NAMING[variant].stackPrefix}-${part}`;
}

export function busName(variant: Variant, stage?: string): string {
  return `${stagePrefix(stage)}${VARIANT_NAMING[variant].busName}`;
}

/**
 * Physical names of a service's resources. They are fixed (not generated) so that the CLI and
 * operators find them by name in any account: `shop-choreography-inventory`,
 * `shop-choreography-inventory-dlq`, `shop-choreography-inventory-target-dlq`.
 */
export function serviceResourceNames(variant: Variant, service: ServiceName, stage?: string) {
  const base = `${busName(variant, stage)}-${service}`;
  return {
    table: base,
    queue: base,
    /** The queue of the events that settle the saga, for a service that also consumes forward steps. */
    settlementQueue: `${base}-settlement`,
    deadLetterQueue: `${base}-dlq`,
    targetDeadLetterQueue: `${base}-target-dlq`,
    functionName: base,
  } as const;
}
