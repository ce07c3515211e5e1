import { InvalidParameterValueError, LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { ManualClock } from './manual-clock';

describe('LocalQueue in process', () => {
  let clock: ManualClock;
  let trace: TraceRecorder;
  let sqs: LocalSqs;

  beforeEach(() => {
    clock = new ManualClock();
    trace = new TraceRecorder(clock);
    sqs = new LocalSqs({ clock, trace });
  });

  afterEach(() => sqs.close());

  it('drops messages older than the retention period', async () => {
    // Prepare
    const queue = sqs.createQueue('short-lived', { MessageRetentionPeriod: '60' });
    queue.send({ body: 'soon gone', sender: 'client' });

    // Act
    await clock.advance(61_000);

    // Assess
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('tells listeners when a message becomes visible, so pollers need not spin', async () => {
    // Prepare
    const queue = sqs.createQueue('notified');
    let notified = 0;
    queue.onVisible(() => notified++);

    // Act
    queue.send({ body: 'later', sender: 'client', delaySeconds: 5 });
    await clock.advance(4_999);
    const beforeDelayEnds = notified;
    await clock.advance(2);

    // Assess
    expect(beforeDelayEnds).toBe(0);
    expect(notified).toBe(1);
  });

  it('wakes a waiting long poll with the message sent to it', async () => {
    // Prepare
    const queue = sqs.createQueue('waiting');
    const poll = queue.receive({ receiver: 'client', waitTimeMs: 20_000 });

    // Act
    queue.send({ body: 'here', sender: 'client' });

    // Assess
    expect((await poll).map((message) => message.body)).toEqual(['here']);
  });

  it('ends a long poll early, empty, when its signal aborts', async () => {
    // Prepare
    const queue = sqs.createQueue('abandoned');
    const controller = new AbortController();
    const poll = queue.receive({ receiver: 'client', waitTimeMs: 20_000, signal: controller.signal });

    // Act
    controller.abort();
    queue.send({ body: 'for someone else', sender: 'client' });

    // Assess
    expect(await poll).toEqual([]);
    expect(queue.counts().visible).toBe(1);
  });

  it('empties the queue on purge', () => {
    // Prepare
    const queue = sqs.createQueue('purged');
    queue.send({ body: 'one', sender: 'client' });
    queue.send({ body: 'two', sender: 'client', delaySeconds: 10 });

    // Act
    queue.purge();

    // Assess
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('reports every attribute for All, with counts and the redrive policy', async () => {
    // Prepare
    sqs.createQueue('dlq');
    const queue = sqs.createQueue('source', {
      VisibilityTimeout: '45',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"}',
    });
    queue.send({ body: 'a', sender: 'client' });
    queue.send({ body: 'b', sender: 'client' });
    queue.send({ body: 'c', sender: 'client', delaySeconds: 60 });
    await queue.receive({ receiver: 'client' });

    // Act
    const attributes = queue.attributes();

    // Assess
    expect(attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:source',
      VisibilityTimeout: '45',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      MessageRetentionPeriod: '345600',
    });
  });

  it('refuses a message larger than the maximum message size', () => {
    // Prepare
    const queue = sqs.createQueue('small', { MaximumMessageSize: '1024' });

    // Act
    const send = () => queue.send({ body: 'x'.repeat(1025), sender: 'client' });

    // Assess
    expect(send).toThrow(InvalidParameterValueError);
  });

  // AWS ReceiveMessage reference: a FIFO receive returns as many messages of one group as it can;
  // the group stays locked while any of them is in flight.
  it('delivers a FIFO group in order, several per receive, locked while in flight, without duplicates', async () => {
    // Prepare
    const queue = sqs.createQueue('orders.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    queue.send({ body: 'first', sender: 'client', messageGroupId: 'ord-1' });
    queue.send({ body: 'first', sender: 'client', messageGroupId: 'ord-1' });
    queue.send({ body: 'second', sender: 'client', messageGroupId: 'ord-1' });

    // Act
    const batch = await queue.receive({ receiver: 'client', maxNumberOfMessages: 10 });
    queue.send({ body: 'third', sender: 'client', messageGroupId: 'ord-1' });
    const whileLocked = await queue.receive({ receiver: 'client', maxNumberOfMessages: 10 });
    for (const message of batch) queue.delete(message.receiptHandle);
    const next = await queue.receive({ receiver: 'client', maxNumberOfMessages: 10 });

    // Assess
    expect(batch.map((message) => message.body)).toEqual(['first', 'second']);
    expect(whileLocked).toEqual([]);
    expect(next.map((message) => message.body)).toEqual(['third']);
  });
});
