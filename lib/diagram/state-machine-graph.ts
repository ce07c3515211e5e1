import type { FunctionModel, StateMachineModel } from '../local/assembly';
import { serviceOf } from './function-roles';
import { nodeId } from './node-id';
import type { StateKind, StateMachineGraph, StateNode, StateTransition } from './saga-graph';

const STATE_KINDS: ReadonlySet<string> = new Set([
  'Task',
  'Choice',
  'Pass',
  'Wait',
  'Succeed',
  'Fail',
  'Parallel',
  'Map',
]);

/** The parts of an Amazon States Language state the diagram reads. */
interface AslState {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Resource?: string;
  readonly Parameters?: Record<string, unknown>;
  readonly Arguments?: Record<string, unknown>;
  readonly Choices?: readonly { readonly Next?: string }[];
  readonly Catch?: readonly { readonly Next?: string; readonly ErrorEquals?: readonly string[] }[];
}

interface AslDefinition {
  readonly StartAt?: string;
  readonly States?: Readonly<Record<string, AslState>>;
}

/**
 * The states and transitions of a state machine's definition (top level only: a Parallel or Map
 * state is one node). Task states name what they call; a Lambda function is named by its
 * service when the app model knows the function.
 */
export function stateMachineGraphOf(
  machine: StateMachineModel,
  functions: readonly FunctionModel[],
  targetNodeId?: string,
): StateMachineGraph {
  const id = nodeId('sm', machine.name);
  const definition = parseDefinition(machine.definition);
  const entries = Object.entries(definition.States ?? {});
  const stateId = (name: string) => nodeId(id, name);
  const states: StateNode[] = entries.map(([name, state]) => {
    const type = STATE_KINDS.has(state.Type ?? '') ? (state.Type as StateKind) : 'Unknown';
    const task = type === 'Task' ? taskOf(state, functions) : undefined;
    return {
      id: stateId(name),
      name,
      type,
      ...(task?.resource !== undefined ? { resource: task.resource } : {}),
      ...(task?.service !== undefined ? { service: task.service } : {}),
      start: name === definition.StartAt,
      terminal: type === 'Succeed' || type === 'Fail' || state.End === true,
    };
  });
  const known = new Set(entries.map(([name]) => name));
  const transitions: StateTransition[] = [];
  const add = (from: string, to: string | undefined, kind: StateTransition['kind'], label?: string) => {
    if (to === undefined || !known.has(to)) return;
    const transition = { from: stateId(from), to: stateId(to), kind, ...(label !== undefined ? { label } : {}) };
    if (!transitions.some((t) => t.from === transition.from && t.to === transition.to && t.kind === kind)) {
      transitions.push(transition);
    }
  };
  for (const [name, state] of entries) {
    add(name, state.Next, 'next');
    for (const choice of state.Choices ?? []) add(name, choice.Next, 'choice');
    add(name, state.Default, 'default');
    for (const handler of state.Catch ?? []) add(name, handler.Next, 'catch', (handler.ErrorEquals ?? []).join(', '));
  }
  return { id, name: machine.name, ...(targetNodeId !== undefined ? { targetNodeId } : {}), states, transitions };
}

function parseDefinition(text: string): AslDefinition {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    // An unreadable definition is drawn as a machine without states rather than failing the docs.
    return {};
  }
}

/** `λ <function name>` (and its service) for Lambda tasks, else the integration (`events:putEvents`). */
function taskOf(state: AslState, functions: readonly FunctionModel[]): { resource?: string; service?: string } {
  const resource = state.Resource;
  if (resource === undefined) return {};
  const parameters = state.Parameters ?? state.Arguments ?? {};
  const functionRef = resource.startsWith('arn:aws:states:::lambda:invoke')
    ? (parameters['FunctionName'] ?? parameters['FunctionName.$'])
    : resource.includes(':lambda:') && resource.includes(':function:')
      ? resource
      : undefined;
  if (typeof functionRef === 'string') {
    const fn = functions.find(
      (candidate) =>
        functionRef === candidate.arn || functionRef === candidate.name || functionRef.startsWith(`${candidate.arn}:`),
    );
    const service = fn !== undefined ? serviceOf(fn) : undefined;
    return {
      resource: `λ ${fn?.name ?? functionRef.split(':').pop() ?? functionRef}`,
      ...(service !== undefined ? { service } : {}),
    };
  }
  const integration = /^arn:aws:states:::([^.]+?)(?:\.(?:sync|waitForTaskToken))*$/.exec(resource);
  return { resource: integration?.[1] ?? resource };
}

/** An event a state machine puts on a bus itself (an `events:putEvents` task). */
export interface PutEventsEntry {
  readonly busName: string;
  readonly source: string;
  readonly detailType: string;
}

/**
 * The events the definition's `events:putEvents` tasks put, where the entry names its bus,
 * source and detail type as constants (entries built from the state's input cannot be known
 * before it runs, so they are not drawn). Top-level states only.
 */
export function eventsPutBy(machine: StateMachineModel): PutEventsEntry[] {
  const entries: PutEventsEntry[] = [];
  for (const state of Object.values(parseDefinition(machine.definition).States ?? {})) {
    if (state.Type !== 'Task' || !state.Resource?.startsWith('arn:aws:states:::events:putEvents')) continue;
    const list = (state.Parameters ?? state.Arguments ?? {})['Entries'];
    for (const entry of Array.isArray(list) ? (list as Record<string, unknown>[]) : []) {
      const { EventBusName: bus, Source: source, DetailType: detailType } = entry;
      if (typeof source !== 'string' || typeof detailType !== 'string') continue;
      // No EventBusName means the account's default bus.
      const busName = typeof bus === 'string' ? (/:event-bus\/(.+)$/.exec(bus)?.[1] ?? bus) : 'default';
      if (!entries.some((e) => e.busName === busName && e.source === source && e.detailType === detailType)) {
        entries.push({ busName, source, detailType });
      }
    }
  }
  return entries;
}
