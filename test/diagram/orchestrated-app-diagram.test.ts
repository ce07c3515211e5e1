import {
  buildSagaGraph,
  DOC_FILES,
  generateDocs,
  layOutStateMachine,
  type BusGraph,
  type StateMachineGraph,
} from '../../lib/diagram';
import { ORCHESTRATED, synthesizeOrchestratedApp, type SynthesizedTestApp } from './diagram-test-apps';

describe('the diagram of an app whose rule starts a state machine', () => {
  let app: SynthesizedTestApp;
  let bus: BusGraph;
  let machine: StateMachineGraph;

  beforeAll(() => {
    app = synthesizeOrchestratedApp();
    bus = buildSagaGraph(app.model).buses.find((candidate) => candidate.busName === ORCHESTRATED.busName)!;
    machine = bus.stateMachines[0]!;
  }, 60_000);

  afterAll(() => app.dispose());

  it('groups the bus under the orchestration variant and targets the state machine from the OrderPlaced rule', () => {
    // Act
    const target = bus.nodes.find((node) => node.kind === 'state-machine' && node.column === 'target');
    const ruleToTarget = bus.edges.find((edge) => edge.to === target?.id && edge.kind === 'targets');

    // Assess
    expect(bus.variant).toBe('orchestration');
    expect(target?.resource).toBe(ORCHESTRATED.stateMachineName);
    expect(bus.edges).toContainEqual({ from: `${bus.id}__e__OrderPlaced`, to: ruleToTarget?.from, kind: 'selects' });
    expect(machine.targetNodeId).toBe(target?.id);
  });

  it('reads the states and every kind of transition from the definition', () => {
    // Act
    const named = (id: string) => machine.states.find((state) => state.id === id)?.name;
    const transitions = machine.transitions.map((t) => `${named(t.from)} ${t.kind} ${named(t.to)}`);

    // Assess
    expect(machine.states.map((state) => state.name)).toEqual([
      'ReserveStock',
      'IsReserved',
      'EmitOrderConfirmed',
      'CancelOrder',
      'Confirmed',
      'Cancelled',
    ]);
    expect(machine.states[2]).toMatchObject({ type: 'Task', resource: 'events:putEvents' });
    expect(machine.states[0]).toMatchObject({
      start: true,
      type: 'Task',
      resource: `λ ${ORCHESTRATED.taskFunctionName}`,
    });
    expect(transitions.sort()).toEqual([
      'CancelOrder next Cancelled',
      'EmitOrderConfirmed next Confirmed',
      'IsReserved choice EmitOrderConfirmed',
      'IsReserved default CancelOrder',
      'ReserveStock catch CancelOrder',
      'ReserveStock next IsReserved',
    ]);
  });

  it('shows the task function as the producer of its service events on the bus it publishes to', () => {
    // Act
    const producer = bus.nodes.find(
      (node) => node.resource === ORCHESTRATED.taskFunctionName && node.column === 'producer',
    );
    const published = bus.edges.filter((edge) => edge.from === producer?.id).map((edge) => edge.to.split('__e__')[1]);

    // Assess
    expect(producer?.service).toBe(ORCHESTRATED.taskService);
    expect(published).toEqual(['StockReserved', 'StockReservationFailed', 'StockReleased']);
  });

  it('shows the state machine as the producer of the events its putEvents tasks put on the bus', () => {
    // Act
    const producer = bus.nodes.find((node) => node.column === 'producer' && node.kind === 'state-machine');
    const published = bus.edges.filter((edge) => edge.from === producer?.id).map((edge) => edge.to.split('__e__')[1]);

    // Assess
    expect(producer?.resource).toBe(ORCHESTRATED.stateMachineName);
    expect(published).toEqual(['OrderConfirmed']);
  });

  it('writes the states into the Mermaid text and draws them as a second SVG on the page', () => {
    // Act
    const documents = generateDocs(app.model);
    const mermaid = documents.find((document) => document.file === DOC_FILES.mermaid)!.text;
    const html = documents.find((document) => document.file === DOC_FILES.html)!.text;

    // Assess
    expect(mermaid).toContain(`  subgraph ${machine.id}_states["state machine ${ORCHESTRATED.stateMachineName}"]`);
    expect(mermaid).toContain(`  ${machine.targetNodeId} -- starts --> ${machine.states[0]!.id}`);
    expect(mermaid).toContain(`    ${machine.states[0]!.id} -. catch .-> ${machine.states[3]!.id}`);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain(`state machine ${ORCHESTRATED.stateMachineName}</h3>`);
  });

  it('lays states out top to bottom along the transitions, writes catches into the boxes, none overlapping', () => {
    // Act
    const layout = layOutStateMachine(machine);
    const box = (name: string) => layout.boxes.get(machine.states.find((state) => state.name === name)!.id)!;

    // Assess
    expect(box('ReserveStock').y).toBeLessThan(box('IsReserved').y);
    expect(box('IsReserved').y).toBeLessThan(box('CancelOrder').y);
    expect(box('CancelOrder').y).toBe(box('EmitOrderConfirmed').y);
    expect(box('EmitOrderConfirmed').y).toBeLessThan(box('Confirmed').y);
    expect(box('CancelOrder').y).toBeLessThan(box('Cancelled').y);
    expect(box('ReserveStock').lines).toContain('on error → CancelOrder');
    expect(box('CancelOrder').lines).toContain('on error from 1 state');
    const boxes = [...layout.boxes.values()];
    const overlaps = boxes.filter((a, i) =>
      boxes
        .slice(i + 1)
        .some((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height),
    );
    expect(overlaps).toEqual([]);
    expect(boxes.every((b) => b.x >= 0 && b.x + b.width <= layout.width && b.y + b.height <= layout.height)).toBe(true);
  });
});
