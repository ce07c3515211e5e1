import { busName } from '../../lib/contracts';
import { JumpableClock, stockFor } from '../../lib/chaos';
import { LocalCloud } from '../../lib/local/local-cloud';
import { readSagaSnapshot } from '../../lib/saga/read-saga-snapshot';
import { checkSagaInvariants } from '../../lib/saga/saga-invariants';
import { deadLettersOf, localClients, messagesInFlightOf, runSagaOnLocalCloud } from '../../lib/saga/saga-run';
import { startSagaTestCloud } from '../support/saga-test-cloud';

const ORDERS = 30;
const SIX_HOURS_MS = 6 * 3_600_000;

describe('replaying the bus archive long after the saga ran', () => {
  let cloud: LocalCloud;
  const clock = new JumpableClock({ timeScale: 20 });

  beforeAll(async () => {
    cloud = await startSagaTestCloud({
      clock,
      minTimeoutWallMs: 30_000,
    });
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('charges, reserves and notifies nobody twice', async () => {
    // Prepare: a saga that ran to the end
    const variant = 'choreography';
    const stock = stockFor(ORDERS);
    const run = await runSagaOnLocalCloud(cloud, { variant, orders: ORDERS, seed: 11, stock, timeoutMs: 120_000 });
    expect(run.invariants.filter((invariant) => !invariant.holds)).toEqual([]);
    const bus = cloud.eventBridge.getEventBus(busName(variant));
    const archive = cloud.eventBridge.archives().find((candidate) => candidate.props.eventSourceArn === bus.arn);
    const matchedBefore = cloud.trace.events('rule.matched').length;

    // Act: six hours later, replay everything the archive holds
    clock.advance(SIX_HOURS_MS);
    const replay = cloud.eventBridge.startReplay({
      replayName: 'replay-after-six-hours',
      archiveName: archive?.name ?? 'missing',
      eventStartTime: 0,
      eventEndTime: clock.now(),
      destinationArn: bus.arn,
    });
    await cloud.whenQuiet({ timeoutMs: 120_000 });
    const { documentClient } = localClients(cloud);
    const after = await readSagaSnapshot({
      documentClient,
      variant,
      initialStock: stock,
      publishedOrderIds: run.snapshot.publishedOrderIds,
      expectedPoisonMessages: run.snapshot.expectedPoisonMessages,
      deadLetters: deadLettersOf(cloud, variant),
      messagesInFlight: messagesInFlightOf(cloud),
    });
    documentClient.destroy();
    const invariants = checkSagaInvariants({ ...after, trace: cloud.trace.events() });

    // Assess
    expect(replay.eventCount).toBeGreaterThanOrEqual(ORDERS * 5);
    expect(cloud.trace.events('rule.matched').length).toBeGreaterThan(matchedBefore + ORDERS * 5);
    expect(invariants.filter((invariant) => !invariant.holds)).toEqual([]);
    expect(after.charges).toHaveLength(run.snapshot.charges.length);
    expect(after.reservations).toEqual(expect.arrayContaining([...run.snapshot.reservations]));
    expect(after.reservations).toHaveLength(run.snapshot.reservations.length);
    expect(after.notifications).toHaveLength(run.snapshot.notifications.length);
    expect(after.stock).toEqual(run.snapshot.stock);
    // The poison message is rejected again, with its reason, rather than acted on.
    const poison = after.deadLetters.filter((letter) => letter.body.includes('a poison message'));
    expect(poison.length).toBeGreaterThan(run.snapshot.deadLetters.length - 1);
    expect(poison.every((letter) => letter.reason !== undefined && letter.reason !== 'unknown')).toBe(true);
  }, 300_000);
});
