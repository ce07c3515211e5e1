import { busName, type Variant } from '../contracts';
import { ClassifiedError } from '../errors/classified-error';
import type { AppModel } from '../local/assembly';

/** The app has no bus, or no state machine, for a variant asked for: there is nothing to run. */
export class VariantNotRunnableError extends ClassifiedError {
  override readonly name = 'VariantNotRunnableError';
  readonly kind = 'validation';
}

/**
 * Throws {@link VariantNotRunnableError} unless the app holds what `variant` runs on: its bus,
 * and for orchestration a state machine. Chaos runs and comparisons check this before seeding.
 */
export function assertVariantRunnable(model: Pick<AppModel, 'buses' | 'stateMachines'>, variant: Variant): void {
  const bus = busName(variant);
  if (!model.buses.some((candidate) => candidate.name === bus)) {
    throw new VariantNotRunnableError(`the app has no '${variant}' variant (no bus '${bus}'): synthesize it first`);
  }
  if (variant === 'orchestration' && model.stateMachines.length === 0) {
    throw new VariantNotRunnableError(`the app has no state machine, so variant '${variant}' cannot run`);
  }
}
