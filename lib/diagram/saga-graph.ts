/**
 * The architecture graph `choreo diagram` draws: what the synthesized app wires together, per
 * event bus, in five columns — producers, events, rules, targets (queues), consumers — and the
 * states of any state machine a rule starts. Built by `buildSagaGraph` from the app model and
 * the contracts only; the Mermaid, SVG and catalogue renderers read nothing else.
 */

/** The columns of a bus graph, left to right. */
export const SAGA_COLUMNS = ['producer', 'event', 'rule', 'target', 'consumer'] as const;

export type SagaColumn = (typeof SAGA_COLUMNS)[number];

/** What a node stands for; decides its shape in Mermaid and its colour in the SVG. */
export type SagaNodeKind =
  | 'service-producer'
  | 'external-producer'
  | 'event'
  | 'rule'
  | 'queue'
  | 'log-group'
  | 'state-machine'
  | 'function'
  | 'other-target';

export interface SagaNode {
  /** Unique in the whole graph, made of `[A-Za-z0-9_]` (a valid Mermaid id). */
  readonly id: string;
  readonly kind: SagaNodeKind;
  readonly column: SagaColumn;
  /** The first line is the title; the others are details (names, settings). */
  readonly lines: readonly string[];
  /**
   * The resource it stands for: `Stack/LogicalId` of a rule, the name of a queue, function,
   * log group or state machine, the detail type of an event, the party of a producer.
   */
  readonly resource: string;
  /** The service a function or producer runs, when known. */
  readonly service?: string;
  /** A rule that selects every event of the bus (an audit or archive rule). */
  readonly catchAll?: boolean;
}

export type SagaEdgeKind =
  /** A producer publishes the event. */
  | 'publishes'
  /** A rule's pattern selects the event. */
  | 'selects'
  /** A catch-all rule selects the event. */
  | 'selects-all'
  /** A rule sends to its target. */
  | 'targets'
  /** An event source mapping feeds the function from the queue. */
  | 'polls';

export interface SagaEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: SagaEdgeKind;
}

/** One event bus: its variant and everything wired to it. */
export interface BusGraph {
  readonly id: string;
  readonly busName: string;
  /** `choreography` or `orchestration` when the bus is a variant's bus, else undefined. */
  readonly variant?: string;
  /** `choreography · bus shop-choreography`. */
  readonly title: string;
  /** Sorted by column, then in the order the column is drawn. */
  readonly nodes: readonly SagaNode[];
  /** In column order: by the position of `from`, then of `to`. */
  readonly edges: readonly SagaEdge[];
  /** State machines a rule of this bus starts, each linked from its target node. */
  readonly stateMachines: readonly StateMachineGraph[];
}

export type StateKind = 'Task' | 'Choice' | 'Pass' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map' | 'Unknown';

export interface StateNode {
  /** Unique in the whole graph. */
  readonly id: string;
  /** The state's name in the definition. */
  readonly name: string;
  readonly type: StateKind;
  /** What a Task calls (`λ shop-orchestration-orders`, `events:putEvents`), when known. */
  readonly resource?: string;
  /** The service of the Lambda function a Task calls, when the app model knows it. */
  readonly service?: string;
  /** The state Step Functions starts at. */
  readonly start: boolean;
  /** Succeed, Fail, or `End: true`. */
  readonly terminal: boolean;
}

export type TransitionKind = 'next' | 'choice' | 'default' | 'catch';

export interface StateTransition {
  readonly from: string;
  readonly to: string;
  readonly kind: TransitionKind;
  /** The errors a Catch handles (`States.ALL`), for `catch` transitions. */
  readonly label?: string;
}

export interface StateMachineGraph {
  readonly id: string;
  readonly name: string;
  /** The id of the target node that starts it, when a rule of the bus does. */
  readonly targetNodeId?: string;
  /** In definition order, top-level states only (a Parallel or Map is one node). */
  readonly states: readonly StateNode[];
  readonly transitions: readonly StateTransition[];
}

/** The whole diagram. */
export interface SagaGraph {
  /** Sorted by bus name. */
  readonly buses: readonly BusGraph[];
  /** State machines no rule starts, sorted by name. */
  readonly otherStateMachines: readonly StateMachineGraph[];
}
