/** A Retrier of a Task state, as far as the attempt count goes. */
interface RetrierView {
  readonly MaxAttempts?: unknown;
}

interface StateView {
  readonly Type?: unknown;
  readonly Retry?: unknown;
  readonly Branches?: unknown;
  readonly Iterator?: unknown;
  readonly ItemProcessor?: unknown;
}

/** ASL's default MaxAttempts of a Retrier that does not say. */
const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * How many attempts each Task state of an ASL definition gets at most, by state name (nested
 * Parallel and Map states included): the first one plus the retries of its most generous
 * Retrier. This is the Task's counterpart of an SQS queue's maxReceiveCount: a chaos run keeps
 * the faults it injects into one Task below it, so the Retry, not the Catch, gets to act.
 *
 * @example taskAttemptsOf(model.stateMachines[0].definition).get('ReserveStock') // 6
 */
export function taskAttemptsOf(definition: string): Map<string, number> {
  const attempts = new Map<string, number>();
  try {
    collect(JSON.parse(definition) as { States?: unknown }, attempts);
  } catch {
    // A definition that is not JSON has no Tasks the local cloud could run.
  }
  return attempts;
}

function collect(machine: { readonly States?: unknown } | undefined, attempts: Map<string, number>): void {
  const states = machine?.States;
  if (typeof states !== 'object' || states === null) return;
  for (const [name, value] of Object.entries(states as Record<string, StateView>)) {
    if (value.Type === 'Task') attempts.set(name, 1 + maxRetries(value.Retry));
    if (Array.isArray(value.Branches))
      for (const branch of value.Branches) collect(branch as { States?: unknown }, attempts);
    collect(value.Iterator as { States?: unknown } | undefined, attempts);
    collect(value.ItemProcessor as { States?: unknown } | undefined, attempts);
  }
}

function maxRetries(retry: unknown): number {
  if (!Array.isArray(retry)) return 0;
  return Math.max(
    0,
    ...(retry as RetrierView[]).map((retrier) =>
      typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : DEFAULT_MAX_ATTEMPTS,
    ),
  );
}
