import { DETAIL_TYPES, SERVICE_NAMES } from '../contracts';
import { documentedContract, type DocumentedEventContract } from '../contracts/event-documentation';
import type { AppModel, RuleModel } from '../local/assembly';
import { compileEventPattern, type CompiledEventPattern } from '../local/eventbridge/pattern';
import { exampleEnvelopeOf } from './example-event';
import { nodeId } from './node-id';
import { publishedBusOf, serviceOf } from './function-roles';
import type { BusGraph, SagaColumn, SagaEdge, SagaGraph, SagaNode, StateMachineGraph } from './saga-graph';
import { SAGA_COLUMNS } from './saga-graph';
import { eventsPutBy, stateMachineGraphOf } from './state-machine-graph';
import { variantOfBus } from './variant-of-bus';

/** Every contract of the saga, in the order the saga runs (the catalogue's order). */
export const SAGA_CONTRACTS: readonly DocumentedEventContract[] = DETAIL_TYPES.map(documentedContract);

/**
 * Derives the architecture graph from the synthesized app and the contracts, and nothing else:
 * which rules select which events (each rule's pattern is matched against an example event of
 * every contract, with the local cloud's pattern engine), where rules send them, which queue
 * feeds which function, and which function publishes what (the contracts' `producer` read
 * against each function's service: its `POWERTOOLS_SERVICE_NAME`, else its name). The result is
 * sorted, so that the same app always gives the same text.
 *
 * @example const graph = buildSagaGraph(readCloudAssembly('cdk.out'));
 */
export function buildSagaGraph(
  model: AppModel,
  contracts: readonly DocumentedEventContract[] = SAGA_CONTRACTS,
): SagaGraph {
  const busNames = new Set<string>(model.buses.map((bus) => bus.name));
  for (const rule of model.rules) if (rule.eventPattern !== undefined) busNames.add(rule.eventBusName);
  for (const fn of model.functions) {
    const bus = publishedBusOf(fn);
    if (bus !== undefined) busNames.add(bus);
  }
  for (const machine of model.stateMachines) for (const entry of eventsPutBy(machine)) busNames.add(entry.busName);
  const targeted = new Set<string>();
  const buses = [...busNames].sort().map((busName) => {
    const graph = busGraphOf(model, busName, contracts);
    for (const machine of graph.stateMachines) targeted.add(machine.name);
    return graph;
  });
  const otherStateMachines = model.stateMachines
    .filter((machine) => !targeted.has(machine.name))
    .sort((a, b) => compare(a.name, b.name))
    .map((machine) => stateMachineGraphOf(machine, model.functions));
  return { buses, otherStateMachines };
}

interface RuleMatch {
  readonly rule: RuleModel;
  readonly pattern?: CompiledEventPattern;
  readonly selects: readonly DocumentedEventContract[];
  readonly catchAll: boolean;
}

function busGraphOf(model: AppModel, busName: string, contracts: readonly DocumentedEventContract[]): BusGraph {
  const variant = variantOfBus(busName);
  // The variant names the group when the bus is a variant's (short, stable ids); else the bus.
  const group = nodeId(variant ?? busName);
  const id = (...parts: string[]) => nodeId(group, ...parts);
  const nodes = new Map<string, SagaNode>();
  const edges: SagaEdge[] = [];
  const addNode = (node: SagaNode) => {
    if (!nodes.has(node.id)) nodes.set(node.id, node);
    return node.id;
  };
  const addEdge = (edge: SagaEdge) => {
    if (!edges.some((e) => e.from === edge.from && e.to === edge.to)) edges.push(edge);
  };

  const publishers = model.functions
    .filter((fn) => publishedBusOf(fn) === busName && serviceOf(fn, contracts) !== undefined)
    .sort((a, b) => compare(a.name, b.name));
  const rules = model.rules
    .filter((rule) => rule.eventBusName === busName && rule.eventPattern !== undefined)
    .sort((a, b) => compare(`${a.stackName}/${a.logicalId}`, `${b.stackName}/${b.logicalId}`))
    .map((rule) => matchRule(model, rule, contracts));

  // State machines that put events on this bus themselves, with the contracts they put.
  const machinePublishers = model.stateMachines
    .map((machine) => ({
      machine,
      puts: contracts.filter((contract) =>
        eventsPutBy(machine).some(
          (entry) =>
            entry.busName === busName && entry.source === contract.source && entry.detailType === contract.detailType,
        ),
      ),
    }))
    .filter(({ puts }) => puts.length > 0)
    .sort((a, b) => compare(a.machine.name, b.machine.name));
  const published = contracts.filter(
    (contract) =>
      publishers.some((fn) => serviceOf(fn, contracts) === contract.producer) ||
      machinePublishers.some(({ puts }) => puts.includes(contract)),
  );
  const events = contracts.filter(
    (contract) =>
      published.includes(contract) || rules.some((match) => !match.catchAll && match.selects.includes(contract)),
  );
  const eventIds = new Map(events.map((contract) => [contract, id('e', contract.detailType)]));

  for (const contract of events) {
    const eventId = addNode({
      id: eventIds.get(contract)!,
      kind: 'event',
      column: 'event',
      lines: [contract.detailType, contract.source, `version ${contract.version}`],
      resource: contract.detailType,
    });
    const producers = publishers.filter((fn) => serviceOf(fn, contracts) === contract.producer);
    for (const fn of producers) {
      const producerId = addNode({
        id: id('p', fn.name),
        kind: 'service-producer',
        column: 'producer',
        lines: [contract.producer, fn.name],
        resource: fn.name,
        service: contract.producer,
      });
      addEdge({ from: producerId, to: eventId, kind: 'publishes' });
    }
    const machines = machinePublishers.filter(({ puts }) => puts.includes(contract)).map(({ machine }) => machine);
    for (const machine of machines) {
      const producerId = addNode({
        id: id('p', 'sm', machine.name),
        kind: 'state-machine',
        column: 'producer',
        lines: ['state machine', machine.name, 'putEvents task'],
        resource: machine.name,
      });
      addEdge({ from: producerId, to: eventId, kind: 'publishes' });
    }
    if (producers.length === 0 && machines.length === 0) {
      const isService = (SERVICE_NAMES as readonly string[]).includes(contract.producer);
      const producerId = addNode({
        id: id('p', contract.producer),
        kind: 'external-producer',
        column: 'producer',
        lines: [contract.producer, isService ? 'no function publishes it here' : 'outside this app'],
        resource: contract.producer,
        service: contract.producer,
      });
      addEdge({ from: producerId, to: eventId, kind: 'publishes' });
    }
  }

  const stateMachines: StateMachineGraph[] = [];
  for (const match of rules) {
    const { rule } = match;
    const ruleId = addNode({
      id: id('r', rule.stackName, rule.logicalId),
      kind: 'rule',
      column: 'rule',
      catchAll: match.catchAll,
      lines: ruleLines(model, match),
      resource: `${rule.stackName}/${rule.logicalId}`,
    });
    for (const contract of match.selects) {
      const eventId = eventIds.get(contract);
      if (eventId !== undefined)
        addEdge({ from: eventId, to: ruleId, kind: match.catchAll ? 'selects-all' : 'selects' });
    }
    for (const target of rule.targets) {
      const targetId = addTarget(model, target.arn, id, addNode, addEdge, stateMachines);
      addEdge({ from: ruleId, to: targetId, kind: 'targets' });
    }
  }

  const ordered = orderColumns(
    [...nodes.values()],
    edges,
    events.map((contract) => eventIds.get(contract)!),
  );
  const position = new Map(ordered.map((node, index) => [node.id, index]));
  edges.sort((a, b) => position.get(a.from)! - position.get(b.from)! || position.get(a.to)! - position.get(b.to)!);
  stateMachines.sort((a, b) => compare(a.name, b.name));
  return {
    id: group,
    busName,
    ...(variant !== undefined ? { variant } : {}),
    title: variant !== undefined ? `${variant} · bus ${busName}` : `bus ${busName}`,
    nodes: ordered,
    edges,
    stateMachines,
  };
}

function matchRule(model: AppModel, rule: RuleModel, contracts: readonly DocumentedEventContract[]): RuleMatch {
  let pattern: CompiledEventPattern | undefined;
  try {
    pattern = compileEventPattern(rule.eventPattern);
  } catch {
    // A pattern EventBridge would refuse cannot select anything; the rule is drawn without events.
    pattern = undefined;
  }
  const selects =
    pattern === undefined ? [] : contracts.filter((contract) => pattern.matches(exampleEnvelopeOf(contract, model)));
  return {
    rule,
    ...(pattern !== undefined ? { pattern } : {}),
    selects,
    catchAll: contracts.length > 1 && selects.length === contracts.length,
  };
}

function ruleLines(model: AppModel, match: RuleMatch): string[] {
  const { rule } = match;
  const lines = [withoutHash(rule.logicalId), rule.stackName];
  if (match.catchAll) lines.push('every event of the saga');
  else if (match.selects.length === 0)
    lines.push(match.pattern === undefined ? 'invalid pattern' : 'selects no saga event');
  if (rule.state !== 'ENABLED') lines.push(rule.state);
  const deadLetters = [
    ...new Set(
      rule.targets.flatMap((target) => (target.deadLetterArn ? [queueNameOf(model, target.deadLetterArn)] : [])),
    ),
  ];
  // Two lines: DLQ names are long, and the rule column is as wide as its longest line.
  for (const deadLetter of deadLetters.sort()) lines.push('target DLQ:', deadLetter);
  return lines;
}

type IdOf = (...parts: string[]) => string;

function addTarget(
  model: AppModel,
  arn: string,
  id: IdOf,
  addNode: (node: SagaNode) => string,
  addEdge: (edge: SagaEdge) => void,
  stateMachines: StateMachineGraph[],
): string {
  const queue = model.queues.find((candidate) => candidate.arn === arn);
  if (queue !== undefined) {
    const lines = [queue.name];
    if (queue.redrivePolicy !== undefined) {
      lines.push(
        `redrive after ${queue.redrivePolicy.maxReceiveCount} receives`,
        `to ${queueNameOf(model, queue.redrivePolicy.deadLetterTargetArn)}`,
      );
    }
    const queueId = addNode({ id: id('q', queue.name), kind: 'queue', column: 'target', lines, resource: queue.name });
    const mappings = model.eventSourceMappings
      .filter((mapping) => mapping.eventSourceArn === queue.arn)
      .sort((a, b) => compare(a.functionName, b.functionName));
    for (const mapping of mappings) {
      const fn = model.functions.find(
        (candidate) => candidate.name === mapping.functionName || candidate.arn === mapping.functionArn,
      );
      const name = fn?.name ?? mapping.functionName;
      const batch = `batch ${mapping.batchSize}${mapping.reportBatchItemFailures ? ', partial failures' : ''}${mapping.enabled ? '' : ', disabled'}`;
      const service = fn ? serviceOf(fn) : undefined;
      const functionId = addNode({
        id: id('f', name),
        kind: 'function',
        column: 'consumer',
        lines: [`λ ${service ?? name}`, name, batch],
        resource: name,
        ...(service !== undefined ? { service } : {}),
      });
      addEdge({ from: queueId, to: functionId, kind: 'polls' });
    }
    return queueId;
  }
  const machine = model.stateMachines.find((candidate) => candidate.arn === arn);
  if (machine !== undefined) {
    const machineId = addNode({
      id: id('sm', machine.name),
      kind: 'state-machine',
      column: 'target',
      lines: ['state machine', machine.name, machine.type],
      resource: machine.name,
    });
    if (!stateMachines.some((graph) => graph.name === machine.name))
      stateMachines.push(stateMachineGraphOf(machine, model.functions, machineId));
    return machineId;
  }
  const fn = model.functions.find((candidate) => candidate.arn === arn || arn.startsWith(`${candidate.arn}:`));
  if (fn !== undefined) {
    const service = serviceOf(fn);
    return addNode({
      id: id('f', fn.name),
      kind: 'function',
      column: 'consumer',
      lines: [`λ ${service ?? fn.name}`, fn.name, 'invoked asynchronously'],
      resource: fn.name,
      ...(service !== undefined ? { service } : {}),
    });
  }
  const logGroup = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(arn)?.[1];
  if (logGroup !== undefined) {
    return addNode({
      id: id('log', logGroup),
      kind: 'log-group',
      column: 'target',
      lines: ['log group', logGroup],
      resource: logGroup,
    });
  }
  const service = arn.split(':')[2] ?? 'target';
  return addNode({
    id: id('t', arn),
    kind: 'other-target',
    column: 'target',
    lines: [service, arn.split(':').slice(5).join(':') || arn],
    resource: arn,
  });
}

/**
 * Orders each column so that edges cross little: events keep the saga's order, producers sit
 * beside the events they publish, and every later column follows the barycentre of its
 * neighbours on the left. Catch-all rules go last so they do not push the others apart.
 */
function orderColumns(
  nodes: readonly SagaNode[],
  edges: readonly SagaEdge[],
  eventOrder: readonly string[],
): SagaNode[] {
  const rank = new Map<string, number>(eventOrder.map((nodeIdValue, index) => [nodeIdValue, index]));
  const inColumn = (column: SagaColumn) => nodes.filter((node) => node.column === column);
  const barycentre = (neighbours: (edge: SagaEdge) => string | undefined) => {
    const ranks = edges
      .map(neighbours)
      .flatMap((other) => (other !== undefined && rank.has(other) ? [rank.get(other)!] : []));
    return ranks.length === 0 ? Number.POSITIVE_INFINITY : ranks.reduce((sum, value) => sum + value, 0) / ranks.length;
  };
  const sortColumn = (column: SagaColumn, neighbours: (node: SagaNode) => (edge: SagaEdge) => string | undefined) => {
    const sorted = inColumn(column)
      .map((node) => ({ node, key: barycentre(neighbours(node)) }))
      .sort(
        (a, b) =>
          Number(a.node.catchAll ?? false) - Number(b.node.catchAll ?? false) ||
          a.key - b.key ||
          compare(a.node.id, b.node.id),
      )
      .map(({ node }) => node);
    sorted.forEach((node, index) => rank.set(node.id, index));
    return sorted;
  };
  const incoming = (node: SagaNode) => (edge: SagaEdge) => (edge.to === node.id ? edge.from : undefined);
  const outgoing = (node: SagaNode) => (edge: SagaEdge) => (edge.from === node.id ? edge.to : undefined);
  const events = [...inColumn('event')].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const producers = sortColumn('producer', outgoing);
  const rules = sortColumn('rule', incoming);
  const targets = sortColumn('target', incoming);
  const consumers = sortColumn('consumer', incoming);
  const byColumn: Record<SagaColumn, SagaNode[]> = {
    producer: producers,
    event: events,
    rule: rules,
    target: targets,
    consumer: consumers,
  };
  return SAGA_COLUMNS.flatMap((column) => byColumn[column]);
}

/** CDK logical ids end in an 8-character hash; the diagram shows the readable part. */
function withoutHash(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '') || logicalId;
}

function queueNameOf(model: AppModel, arn: string): string {
  return model.queues.find((queue) => queue.arn === arn)?.name ?? arn.split(':').pop() ?? arn;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
