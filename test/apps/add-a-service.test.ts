/**
 * The README's "Add a consumer service", taken step by step in a copy of the project: a sixth
 * service (loyalty points on OrderConfirmed) is added without touching `lib/infra`, the
 * choreographed app synthesizes clean under cdk-nag, and the new function runs on the local cloud.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { busName, OrderConfirmed } from '../../lib/contracts';
import { EVENT_DOCUMENTATION } from '../../lib/contracts/event-documentation';
import { buildEvent } from '../../functions/shared/event-builder';
import { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, eventually } from './support/app-cloud';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const LOYALTY_SOURCES = join(PROJECT_ROOT, 'test', 'fixtures', 'add-a-service', 'loyalty');
const run = promisify(execFile);

/** What the app needs to synthesize: the project without its tests, docs and outputs. */
const COPIED = ['bin', 'lib', 'functions', 'package.json', 'package-lock.json', 'tsconfig.json', 'cdk.json'];

/** Synthesizes the copy's choreographed app with cdk-nag's packs and prints every finding. */
const SYNTH_WITH_NAG = `
import type { PolicyViolation } from 'aws-cdk-lib';
import { applyNagPacks, buildChoreographyApp } from './lib/infra';
const { app } = buildChoreographyApp({ 'aws:cdk:bundling-stacks': ['Choreography-*'] }, { outdir: process.argv[2] });
const packs = applyNagPacks(app);
app.synth();
const findings = packs.flatMap((pack) => pack.validateScope(app).violations).map(
  (violation: PolicyViolation) => violation.severity + ' ' + violation.ruleName + ': ' +
    violation.violatingResources.map((resource) => resource.constructPath).join(', '),
);
console.log(JSON.stringify(findings));
`;

function editFile(path: string, edit: (text: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the README step found nothing to change in ${path}`);
  writeFileSync(path, after);
}

describe('README "Add a consumer service": a sixth service in a copy of the project', () => {
  let copy: string;
  let cloud: LocalCloud | undefined;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'add-a-service-'));
    for (const entry of COPIED) cpSync(join(PROJECT_ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    await cloud?.stop();
    rmSync(copy, { recursive: true, force: true });
  });

  it('synthesizes clean under cdk-nag and runs the new function on the local cloud, with no edit under lib/infra', async () => {
    const infraBefore = readdirSync(join(copy, 'lib', 'infra'), { recursive: true }).map((file) =>
      String(file).endsWith('.ts') ? readFileSync(join(copy, 'lib', 'infra', String(file)), 'utf8') : String(file),
    );

    // Step 1: the service in SERVICE_SOURCES, with a source of its own.
    editFile(join(copy, 'lib', 'contracts', 'sources.ts'), (text) =>
      text.replace(
        "notifications: 'shop.notifications',",
        "notifications: 'shop.notifications',\n  loyalty: 'shop.loyalty',",
      ),
    );
    // Step 2: a consumer of the events it handles.
    editFile(join(copy, 'lib', 'contracts', 'events.ts'), (text) =>
      text.replace(
        "consumers: ['notifications', 'analytics'],",
        "consumers: ['notifications', 'loyalty', 'analytics'],",
      ),
    );
    // Step 3: functions/loyalty (domain, store, service, definition, handler).
    cpSync(LOYALTY_SOURCES, join(copy, 'functions', 'loyalty'), { recursive: true });

    // Step 4: synthesize (nothing under lib/infra changed) with cdk-nag.
    const assembly = join(copy, 'cdk.out');
    writeFileSync(join(copy, 'synth-with-nag.ts'), SYNTH_WITH_NAG);
    const { stdout } = await run(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), ['synth-with-nag.ts', assembly], {
      cwd: copy,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? 'null')).toEqual([]);
    const infraAfter = readdirSync(join(copy, 'lib', 'infra'), { recursive: true }).map((file) =>
      String(file).endsWith('.ts') ? readFileSync(join(copy, 'lib', 'infra', String(file)), 'utf8') : String(file),
    );
    expect(infraAfter).toEqual(infraBefore);
    const loyaltyTemplate = readFileSync(join(assembly, 'Choreography-Loyalty.template.json'), 'utf8');
    expect(loyaltyTemplate).toContain('"shop-choreography-loyalty"');

    // Run it: an OrderConfirmed on the bus credits the customer's points once, in the loyalty table.
    cloud = await LocalCloud.start({ assemblyDirectory: assembly, port: 0 });
    const confirmed = buildEvent('OrderConfirmed', EVENT_DOCUMENTATION.OrderConfirmed.exampleData, {
      causationId: 'add-a-service-test',
      correlationId: EVENT_DOCUMENTATION.OrderConfirmed.exampleData.orderId,
    });
    const events = new EventBridgeClient(clientConfig(cloud));
    const dynamodb = new DynamoDBClient(clientConfig(cloud));
    try {
      const { FailedEntryCount } = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName('choreography'),
              Source: OrderConfirmed.source,
              DetailType: 'OrderConfirmed',
              Detail: JSON.stringify(confirmed.detail),
            },
          ],
        }),
      );
      expect(FailedEntryCount).toBe(0);
      const credit = await eventually(async () => {
        const { Item } = await dynamodb.send(
          new GetItemCommand({
            TableName: 'shop-choreography-loyalty',
            Key: { pk: { S: `CREDIT#${EVENT_DOCUMENTATION.OrderConfirmed.exampleData.orderId}` }, sk: { S: 'CREDIT' } },
          }),
        );
        return Item;
      }, 30_000);
      expect(credit?.points).toEqual({ N: '10' });
      expect(credit?.eventId).toEqual({ S: confirmed.detail.metadata.eventId });
    } finally {
      events.destroy();
      dynamodb.destroy();
    }
  }, 300_000);
});
