import { readCloudAssembly, type AppModel } from '../../../lib/local/assembly';
import { ScaledClock } from '../../../lib/local/clock';
import {
  EventSourceMappings,
  type FunctionInvoker,
  type SqsEventRecord,
} from '../../../lib/local/event-source-mapping';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';
import { synthesizeFixtureApp } from '../../fixtures/local-app/app';
import { temporaryDirectoryForAllTests } from '../../support/temporary-directory';
// The saga's correlator: these fixtures are saga events, correlated to their order id.
import { SAGA_CORRELATOR } from '../../../lib/saga/saga-correlator';

/**
 * The assembly model, the local SQS service and the pollers together: queues created from the
 * model's attributes, the mapping's settings from the template, redrive by the queue.
 */
describe('event source mappings over the local SQS service, from the synthesized fixture app', () => {
  const outdir = temporaryDirectoryForAllTests('local-app-esm-');
  let model: AppModel;

  beforeAll(() => {
    synthesizeFixtureApp(outdir());
    model = readCloudAssembly(outdir());
  });

  it('redrives a record the function keeps failing to the DLQ after maxReceiveCount receives', async () => {
    // Prepare: queues as the model describes them (60 s visibility, 3 receives, then the DLQ).
    const clock = new ScaledClock({ timeScale: 1000 });
    const trace = new TraceRecorder(clock, SAGA_CORRELATOR);
    const sqs = new LocalSqs({ clock, trace });
    const deadLetterQueues = model.queues.filter((queue) => !queue.redrivePolicy);
    const sourceQueues = model.queues.filter((queue) => queue.redrivePolicy);
    [...deadLetterQueues, ...sourceQueues].forEach((queue) => sqs.createQueue(queue.name, queue.attributes));
    const receiveCounts: string[] = [];
    const invoker: FunctionInvoker = {
      invoke: (_name, payload) => {
        receiveCounts.push(
          ...(payload as { Records: SqsEventRecord[] }).Records.map(
            (record) => record.attributes.ApproximateReceiveCount ?? '',
          ),
        );
        return Promise.resolve({ outcome: 'error' });
      },
    };
    const mappings = new EventSourceMappings({
      mappings: model.eventSourceMappings,
      queueByArn: (arn) => sqs.findQueue(arn),
      invoker,
      clock,
      region: model.region,
    });
    sqs.getQueue('fixture-orders').send({ body: '{"detail":{"metadata":{"correlationId":"o-9"}}}', sender: 'client' });

    try {
      // Act
      mappings.start();
      const deadline = Date.now() + 5000;
      while (sqs.getQueue('LocalApp-Service-DeadLetterQueue9F481546').counts().visible === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }

      // Assess
      expect(receiveCounts).toEqual(['1', '2', '3']);
      expect(sqs.getQueue('LocalApp-Service-DeadLetterQueue9F481546').counts().visible).toBe(1);
      expect(trace.events('message.dead-lettered')).toEqual([
        expect.objectContaining({ queue: 'fixture-orders', receiveCount: 3 }),
      ]);
      expect(trace.events('message.received').every((event) => event.receiver === 'fixture-orders-handler')).toBe(true);
    } finally {
      await mappings.stop();
      sqs.close();
    }
  });
});
