import { CreateArchiveCommand, DescribeArchiveCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import orderPlaced from '../../fixtures/local/order-placed-entry.json';
import { SHOP_BUS, startBridgeHarness } from './bridge-harness';
import { freshForEachTest } from '../../support/fresh-for-each-test';

describe('local EventBridge archives', () => {
  const harness = freshForEachTest(startBridgeHarness);

  it('records the events of its bus that match its pattern', async () => {
    // Prepare
    await harness.events.send(
      new CreateArchiveCommand({
        ArchiveName: 'orders-archive',
        EventSourceArn: harness.bridge.getEventBus(SHOP_BUS).arn,
        EventPattern: JSON.stringify({ 'detail-type': ['OrderPlaced'] }),
        RetentionDays: 7,
      }),
    );

    // Act
    const result = harness.bridge.putEvents(
      [orderPlaced, { ...orderPlaced, DetailType: 'OrderConfirmed' }, { ...orderPlaced, EventBusName: 'default' }],
      'client',
    );
    await harness.bridge.whenIdle();
    const described = await harness.events.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }));

    // Assess
    const archived = harness.bridge.findArchive('orders-archive')?.events() ?? [];
    expect(archived.map((entry) => entry.event.id)).toEqual([(result.Entries[0] as { EventId: string }).EventId]);
    expect(archived[0]?.event.detail).toEqual(JSON.parse(orderPlaced.Detail));
    expect(described).toMatchObject({ EventCount: 1, RetentionDays: 7, State: 'ENABLED' });
    expect(harness.trace.events('archive.recorded')).toEqual([
      expect.objectContaining({ archive: 'orders-archive', correlationId: 'ord-1001' }),
    ]);
  });

  it('forgets events older than its retention', async () => {
    // Prepare
    const archive = harness.bridge.createArchive({
      archiveName: 'short',
      eventSourceArn: harness.bridge.getEventBus(SHOP_BUS).arn,
      retentionDays: 1,
    });
    harness.bridge.putEvents([orderPlaced], 'client');

    // Act
    const later = harness.clock.now() + 2 * 86_400_000;

    // Assess
    expect(archive.events(-Infinity, Infinity, harness.clock.now())).toHaveLength(1);
    expect(archive.events(-Infinity, Infinity, later)).toHaveLength(0);
  });

  it('replays archived events to the rules of the bus, marked with the replay name and not archived again', async () => {
    // Prepare
    const queue = harness.sqs.createQueue('orders');
    const bus = harness.bridge.getEventBus(SHOP_BUS);
    const archive = harness.bridge.createArchive({ archiveName: 'all-orders', eventSourceArn: bus.arn });
    const result = harness.bridge.putEvents([orderPlaced], 'client');
    await harness.bridge.whenIdle();
    const rule = harness.bridge.putRule({
      name: 'late-rule',
      eventBusName: SHOP_BUS,
      eventPattern: { 'detail-type': ['OrderPlaced'] },
    });
    harness.bridge.putTargets(SHOP_BUS, 'late-rule', [{ Id: 'q', Arn: queue.arn }]);

    // Act
    const replay = await harness.events.send(
      new StartReplayCommand({
        ReplayName: 'catch-up',
        EventSourceArn: archive.props.arn,
        EventStartTime: new Date(0),
        EventEndTime: new Date(harness.clock.now() + 1000),
        Destination: { Arn: bus.arn, FilterArns: [rule.arn] },
      }),
    );
    const [message] = await harness.drain(queue);

    // Assess
    // StartReplay answers STARTING, as AWS does (AWS-validated snapshot test_start_list_describe_canceled_replay).
    expect(replay.State).toBe('STARTING');
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({
      id: (result.Entries[0] as { EventId: string }).EventId,
      'replay-name': 'catch-up',
    });
    expect(archive.eventCount).toBe(1);
  });
});
