import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildSagaGraph,
  DOC_FILES,
  generateDocs,
  layOutBus,
  renderMermaid,
  SAGA_CONTRACTS,
  type Box,
  type BusGraph,
  type GeneratedDocument,
  type SagaGraph,
  type SagaNode,
} from '../../lib/diagram';
import type { AppModel } from '../../lib/local/assembly';
import { choreo } from '../cli/run-cli';
import { LOYALTY, synthesizeExtendedChoreographyApp, type SynthesizedTestApp } from './diagram-test-apps';

describe('the diagram of the choreography app with one more consumer of OrderConfirmed', () => {
  let app: SynthesizedTestApp;
  let graph: SagaGraph;
  let bus: BusGraph;
  let documents: GeneratedDocument[];

  const documentText = (file: string) => documents.find((document) => document.file === file)!.text;
  const nodeOf = (resource: string) => bus.nodes.find((node) => node.resource === resource);
  const successors = (node: SagaNode | undefined, kind?: string) =>
    bus.edges
      .filter((edge) => edge.from === node?.id && (kind === undefined || edge.kind === kind))
      .map((edge) => bus.nodes.find((n) => n.id === edge.to)!);

  beforeAll(() => {
    app = synthesizeExtendedChoreographyApp();
    graph = buildSagaGraph(app.model);
    bus = graph.buses.find((candidate) => candidate.variant === 'choreography')!;
    documents = generateDocs(app.model);
  }, 120_000);

  afterAll(() => app.dispose());

  it('draws the new rule from OrderConfirmed to the loyalty queue and the function that polls it', () => {
    // Prepare
    const orderConfirmed = nodeOf('OrderConfirmed');

    // Act
    const rules = successors(orderConfirmed, 'selects');
    const loyaltyRule = rules.find((rule) => rule.resource.startsWith(`${LOYALTY.stackName}/`));
    const [queue] = successors(loyaltyRule, 'targets');
    const [consumer] = successors(queue, 'polls');

    // Assess
    expect(rules.map((rule) => rule.resource.split('/')[0]).sort()).toEqual([
      LOYALTY.stackName,
      'Choreography-Notifications',
    ]);
    expect(queue).toMatchObject({ kind: 'queue', resource: LOYALTY.queueName });
    expect(queue?.lines).toContain(`redrive after ${LOYALTY.maxReceiveCount} receives`);
    expect(consumer).toMatchObject({ kind: 'function', resource: LOYALTY.functionName, service: LOYALTY.service });
    expect(consumer?.lines).toContain(`batch ${LOYALTY.batchSize}, partial failures`);
  });

  it('writes the new rule and its queue into the Mermaid flowchart', () => {
    // Prepare
    const rule = successors(nodeOf('OrderConfirmed'), 'selects').find((node) =>
      node.resource.startsWith(`${LOYALTY.stackName}/`),
    )!;

    // Act
    const mermaid = documentText(DOC_FILES.mermaid);

    // Assess
    expect(mermaid).toContain(`    ${bus.id}__e__OrderConfirmed --> ${rule.id}\n`);
    expect(mermaid).toContain(`    ${rule.id} --> ${bus.id}__q__shop_choreography_loyalty\n`);
    expect(mermaid).toContain(
      `    ${bus.id}__q__shop_choreography_loyalty -- polls --> ${bus.id}__f__shop_choreography_loyalty\n`,
    );
  });

  it("takes producers from the contracts and the functions' service names, and marks the storefront external", () => {
    // Act
    const published = (resource: string) => successors(nodeOf(resource), 'publishes').map((event) => event.resource);

    // Assess
    expect(published('shop-choreography-orders')).toEqual(['OrderStalled', 'OrderConfirmed', 'OrderCancelled']);
    expect(published('shop-choreography-inventory')).toEqual([
      'StockReserved',
      'StockReservationFailed',
      'StockReleased',
    ]);
    expect(nodeOf('storefront')).toMatchObject({
      kind: 'external-producer',
      lines: ['storefront', 'outside this app'],
    });
    expect(published('storefront')).toEqual(['OrderPlaced']);
    // The loyalty function has no bus to publish to, so it is no producer.
    expect(bus.nodes.filter((node) => node.column === 'producer').map((node) => node.resource)).not.toContain(
      LOYALTY.functionName,
    );
  });

  it('draws the audit rule as one catch-all rule that selects every event', () => {
    // Act
    const catchAll = bus.nodes.filter((node) => node.catchAll);

    // Assess
    expect(catchAll.map((node) => node.resource.split('/')[0])).toEqual(['Choreography-Bus']);
    expect(bus.edges.filter((edge) => edge.kind === 'selects-all')).toHaveLength(SAGA_CONTRACTS.length);
  });

  it('gives the same text whatever order the model lists resources in', () => {
    // Prepare
    const model = app.model;
    const shuffled: AppModel = {
      ...model,
      buses: [...model.buses].reverse(),
      rules: [...model.rules].reverse(),
      queues: [...model.queues].reverse(),
      functions: [...model.functions].reverse(),
      eventSourceMappings: [...model.eventSourceMappings].reverse(),
    };

    // Act
    const again = generateDocs(shuffled);

    // Assess
    expect(again).toEqual(documents);
  });

  it('lists every contract in the catalogue with its routing facts, JSON Schema and a valid example', () => {
    // Act
    const catalogue = documentText(DOC_FILES.catalogue);

    // Assess
    for (const contract of SAGA_CONTRACTS) {
      const section = catalogue.split(`\n## ${contract.detailType}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(section).toContain(`| Source | \`${contract.source}\` |`);
      expect(section).toContain(`| Version | ${contract.version} |`);
      const [schema, example] = [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
        (match) => JSON.parse(match[1]!) as Record<string, unknown>,
      );
      expect(schema?.['x-detail-type']).toBe(contract.detailType);
      expect(contract.detailSchema.safeParse(example).success).toBe(true);
    }
  });

  it('lists the new rule among the rules that select OrderConfirmed, with where it delivers', () => {
    // Act
    const section = documentText(DOC_FILES.catalogue).split('\n## OrderConfirmed\n')[1]?.split('\n## ')[0] ?? '';

    // Assess
    expect(section).toMatch(
      new RegExp(
        `rule \`${LOYALTY.stackName}/${LOYALTY.subscribesTo}Rule[0-9A-F]{8}\` → queue \`${LOYALTY.queueName}\` → λ \`${LOYALTY.functionName}\``,
      ),
    );
    expect(section).toContain('| Consumers (external) | analytics |');
  });

  it('renders a self-contained page: inline SVG, the Mermaid source, no script and no external URL', () => {
    // Act
    const html = documentText(DOC_FILES.html);

    // Assess
    expect(html).toContain('<svg ');
    expect(html).toMatch(/<details>\s*<summary>Mermaid source/);
    expect(html).toContain('flowchart LR');
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    // Only same-document references such as marker-end="url(#arrow)".
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)/i);
  });

  it('lays out every column without two boxes overlapping', () => {
    // Act
    const layout = layOutBus(bus);
    const boxes: Box[] = [...layout.boxes.values()];

    // Assess
    expect(boxes).toHaveLength(bus.nodes.length);
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        .map((b) => [a.lines[0], b.lines[0]]),
    );
    expect(overlapping).toEqual([]);
    expect(boxes.every((box) => box.x + box.width <= layout.width && box.y + box.height <= layout.height)).toBe(true);
  });

  it('renders the Mermaid text of the graph it is given, and only that', () => {
    // Act
    const mermaid = renderMermaid(graph);

    // Assess
    expect(mermaid).toBe(documentText(DOC_FILES.mermaid));
    expect(mermaid.split('\n')[0]).toMatch(/^%% Generated by `choreo diagram`/);
  });

  describe('choreo diagram --check', () => {
    let outDir: string;

    beforeEach(() => {
      outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-docs-'));
    });

    afterEach(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it('exits 1 naming the stale file, and 0 once the documents are written', async () => {
      // Prepare
      const args = ['diagram', '--cdk-out', app.assemblyDirectory, '--out-dir', outDir];
      const written = await choreo(args);
      fs.appendFileSync(path.join(outDir, DOC_FILES.catalogue), '\nhand edit\n');

      // Act
      const stale = await choreo([...args, '--check']);
      await choreo(args);
      const fresh = await choreo([...args, '--check']);

      // Assess
      expect(written.code).toBe(0);
      expect(written.stdout).toContain(DOC_FILES.html);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toContain(`${DOC_FILES.catalogue}'`);
      expect(stale.stderr).not.toContain(DOC_FILES.mermaid);
      expect(fresh.code).toBe(0);
      expect(fresh.stdout).toMatch(/^up to date/);
    });

    it('exits 1 when the output directory has none of the documents', async () => {
      // Act
      const run = await choreo(['diagram', '--cdk-out', app.assemblyDirectory, '--out-dir', outDir, '--check']);

      // Assess
      expect(run.code).toBe(1);
      for (const file of Object.values(DOC_FILES)) expect(run.stderr).toContain(file);
      expect(fs.readdirSync(outDir)).toEqual([]);
    });
  });
});
