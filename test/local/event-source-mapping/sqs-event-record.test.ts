import { ScaledClock } from '../../../lib/local/clock';
import { toSqsEventRecord } from '../../../lib/local/event-source-mapping';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';

describe('toSqsEventRecord', () => {
  it('shapes a received message as a record of a Lambda SQS event', async () => {
    // Prepare
    const clock = new ScaledClock({ timeScale: 100 });
    const sqs = new LocalSqs({ clock, trace: new TraceRecorder(clock) });
    const queue = sqs.createQueue('orders');
    queue.send({
      body: '{"a":1}',
      sender: 'client',
      messageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
    });
    const [message] = await queue.receive({ receiver: 'orders-handler' });

    // Act
    const record = toSqsEventRecord(message!, queue.arn, sqs.region);
    sqs.close();

    // Assess
    expect(record).toMatchObject({
      messageId: message!.messageId,
      receiptHandle: message!.receiptHandle,
      body: '{"a":1}',
      attributes: { ApproximateReceiveCount: '1', SenderId: 'client' },
      messageAttributes: {
        kind: { dataType: 'String', stringValue: 'test', stringListValues: [], binaryListValues: [] },
      },
      md5OfBody: message!.md5OfBody,
      md5OfMessageAttributes: message!.md5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:orders',
      awsRegion: 'us-east-1',
    });
  });
});
