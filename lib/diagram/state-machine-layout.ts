import { LAYOUT_SPACING, type Box, type Layout } from './layered-layout';
import type { StateMachineGraph, StateTransition } from './saga-graph';
import { stateLines } from './state-labels';
import { boxSize } from './text-metrics';

/** Vertical space between rows of states, room for the arrows. */
const ROW_GAP = 34;
/** Horizontal space between states of one row. */
const STATE_GAP = 40;
/** Room left and right of the states for transitions drawn around them. */
const SIDE_LANE = 40;

/**
 * Places a state machine top to bottom. A state's row is the longest chain of Next, Choice and
 * Default transitions from the start state (a loop is cut where a depth-first walk meets a
 * state it is still inside); within a row, states sit under the states they come from. Catch
 * transitions are not used for placing: they are written into the boxes (`on error → X`) and
 * the states only errors reach go in the last row, so that a saga whose every task catches
 * into one handler still reads as its happy path and its compensation.
 */
export function layOutStateMachine(machine: StateMachineGraph): Layout {
  const names = new Map(machine.states.map((state) => [state.id, state.name]));
  const flow = machine.transitions.filter((transition) => transition.kind !== 'catch');
  const catches = machine.transitions.filter((transition) => transition.kind === 'catch');
  const rows = stateRows(machine, flow);
  const rowCount = Math.max(-1, ...rows.values()) + 1;
  const lines = new Map(
    machine.states.map((state) => {
      const handlers = [...new Set(catches.filter((t) => t.from === state.id).map((t) => names.get(t.to)!))];
      const caught = new Set(catches.filter((t) => t.to === state.id).map((t) => t.from)).size;
      return [
        state.id,
        [
          ...stateLines(state),
          ...handlers.map((handler) => `on error → ${handler}`),
          ...(caught > 0 ? [`on error from ${caught} state${caught === 1 ? '' : 's'}`] : []),
        ],
      ];
    }),
  );
  const boxes = new Map<string, Box>();
  let y: number = LAYOUT_SPACING.margin;
  let right = 200;
  for (let row = 0; row < rowCount; row += 1) {
    const members = machine.states
      .map((state, index) => ({ state, index, key: parentCentre(state.id, flow, boxes) }))
      .filter(({ state }) => rows.get(state.id) === row)
      .sort((a, b) => (a.key ?? Number.POSITIVE_INFINITY) - (b.key ?? Number.POSITIVE_INFINITY) || a.index - b.index);
    let cursor: number = LAYOUT_SPACING.margin + SIDE_LANE;
    let rowHeight = 0;
    for (const { state, key } of members) {
      const stateBoxLines = lines.get(state.id)!;
      const size = boxSize(stateBoxLines);
      const x = Math.max(cursor, key === undefined ? cursor : Math.round(key - size.width / 2));
      boxes.set(state.id, { x, y, ...size, lines: stateBoxLines });
      cursor = x + size.width + STATE_GAP;
      rowHeight = Math.max(rowHeight, size.height);
      right = Math.max(right, x + size.width);
    }
    y += rowHeight + ROW_GAP;
  }
  // Room on the right for transitions that skip rows or go back (drawn around the boxes).
  return {
    width: right + SIDE_LANE + LAYOUT_SPACING.margin,
    height: y - ROW_GAP + LAYOUT_SPACING.margin,
    boxes,
    headings: [],
  };
}

/** The mean x-centre of the placed states a state is reached from, if any. */
function parentCentre(
  id: string,
  flow: readonly StateTransition[],
  boxes: ReadonlyMap<string, Box>,
): number | undefined {
  const centres = flow.flatMap((transition) => {
    const box = transition.to === id ? boxes.get(transition.from) : undefined;
    return box === undefined ? [] : [box.x + box.width / 2];
  });
  return centres.length === 0 ? undefined : centres.reduce((sum, value) => sum + value, 0) / centres.length;
}

function stateRows(machine: StateMachineGraph, flow: readonly StateTransition[]): Map<string, number> {
  const successors = new Map<string, string[]>(machine.states.map((state) => [state.id, []]));
  for (const transition of flow) successors.get(transition.from)?.push(transition.to);
  const forward = new Map<string, string[]>(machine.states.map((state) => [state.id, []]));
  const finished: string[] = [];
  const status = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    status.set(id, 'open');
    for (const next of successors.get(id) ?? []) {
      const seen = status.get(next);
      if (seen === 'open') continue; // a loop back: drawn, but not used for placing
      forward.get(id)!.push(next);
      if (seen === undefined) visit(next);
    }
    status.set(id, 'done');
    finished.push(id);
  };
  const start = machine.states.find((state) => state.start);
  if (start !== undefined) visit(start.id);
  const reachable = new Set(status.keys());
  // States the flow never reaches (error handlers, typically) form their own chains below it.
  for (const state of machine.states) if (!status.has(state.id)) visit(state.id);
  const rows = new Map<string, number>(machine.states.map((state) => [state.id, 0]));
  for (const id of [...finished].reverse()) {
    for (const next of forward.get(id) ?? []) rows.set(next, Math.max(rows.get(next)!, rows.get(id)! + 1));
  }
  const lastReachableRow = Math.max(-1, ...[...reachable].map((id) => rows.get(id)!));
  for (const state of machine.states) {
    if (!reachable.has(state.id)) rows.set(state.id, rows.get(state.id)! + lastReachableRow + 1);
  }
  return rows;
}
