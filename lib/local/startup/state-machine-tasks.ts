/** A Task state of a state machine definition, wherever it is nested (Parallel branches, Map). */
export interface TaskStateRef {
  readonly stateName: string;
  readonly resource: string;
}

interface AslStates {
  readonly States?: Record<string, AslState>;
}

interface AslState {
  readonly Type?: string;
  readonly Resource?: unknown;
  readonly Branches?: readonly AslStates[];
  readonly Iterator?: AslStates;
  readonly ItemProcessor?: AslStates;
}

/** Every Task state of an Amazon States Language text, with its `Resource`; [] when unparsable. */
export function taskStatesOf(definition: string): TaskStateRef[] {
  let parsed: AslStates;
  try {
    parsed = JSON.parse(definition) as AslStates;
  } catch {
    return [];
  }
  const found: TaskStateRef[] = [];
  const visit = (machine: AslStates | undefined): void => {
    for (const [stateName, state] of Object.entries(machine?.States ?? {})) {
      if (state.Type === 'Task' && typeof state.Resource === 'string')
        found.push({ stateName, resource: state.Resource });
      state.Branches?.forEach(visit);
      visit(state.Iterator);
      visit(state.ItemProcessor);
    }
  };
  visit(parsed);
  return found;
}
