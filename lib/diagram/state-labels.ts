import type { StateNode } from './saga-graph';

/** `Task · λ shop-orchestration-orders`, `Choice`, `Pass · end`: what a state is, in one line. */
export function stateSubtitle(state: StateNode): string {
  const ends = state.terminal && state.type !== 'Succeed' && state.type !== 'Fail';
  return [state.type, state.resource, state.start ? 'start' : undefined, ends ? 'end' : undefined]
    .filter((part) => part !== undefined)
    .join(' · ');
}

/** The lines of a state's box: its name, then what it is. */
export function stateLines(state: StateNode): string[] {
  return [state.name, stateSubtitle(state)];
}
