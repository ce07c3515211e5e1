import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCloud } from '../../../lib/local/local-cloud';
import { clientConfig, eventually, stackOutput, startAppCloud } from './app-cloud';

type ClientConfig = ReturnType<typeof clientConfig>;
interface DestroyableClient {
  destroy(): void;
}

/** A fixture app running on its own local cloud, with what its README check does in one line each. */
export interface AppUnderTest {
  readonly cloud: LocalCloud;
  /** The value of the stack output `name` (a queue URL, a state machine ARN, a table name). */
  output(name: string): string;
  /** One SDK client of this kind against the app's endpoint, destroyed with the cloud. */
  client<Client extends DestroyableClient>(Client: new (config: ClientConfig) => Client): Client;
  /** PutEvents on the app's endpoint. */
  publish(...entries: PutEventsRequestEntry[]): Promise<void>;
  /** SendMessage of each body to the queue whose URL is the output `queueOutput`. */
  sendTo(queueOutput: string, ...bodies: string[]): Promise<void>;
  /** The first non-empty receive from the queue of `queueOutput`, or `undefined` after `withinWallMs`. */
  receiveFrom(
    queueOutput: string,
    options?: { readonly withinWallMs?: number; readonly systemAttributes?: ('ApproximateReceiveCount' | 'All')[] },
  ): Promise<Message[] | undefined>;
}

/**
 * Starts the fixture app `name` on a local cloud before the tests of the enclosing `describe`
 * and stops it (and every client made through it) after them.
 */
export function useAppCloud(name: string, options: { readonly timeScale?: number } = {}): AppUnderTest {
  let running: LocalCloud | undefined;
  const clients = new Map<unknown, DestroyableClient>();
  beforeAll(async () => {
    running = await startAppCloud(name, options);
  });
  afterAll(async () => {
    for (const client of clients.values()) client.destroy();
    await running?.stop();
  });

  const app: AppUnderTest = {
    get cloud() {
      if (!running) throw new Error(`the local cloud of '${name}' is not running (use it inside a test)`);
      return running;
    },
    output: (outputName) => stackOutput(app.cloud, outputName),
    client(Client) {
      const existing = clients.get(Client) as InstanceType<typeof Client> | undefined;
      if (existing) return existing;
      const created = new Client(clientConfig(app.cloud));
      clients.set(Client, created);
      return created;
    },
    async publish(...entries) {
      const { FailedEntryCount } = await app.client(EventBridgeClient).send(new PutEventsCommand({ Entries: entries }));
      expect(FailedEntryCount).toBe(0);
    },
    async sendTo(queueOutput, ...bodies) {
      for (const MessageBody of bodies) {
        await app.client(SQSClient).send(new SendMessageCommand({ QueueUrl: app.output(queueOutput), MessageBody }));
      }
    },
    receiveFrom: (queueOutput, receiveOptions = {}) =>
      eventually(async () => {
        const { Messages } = await app.client(SQSClient).send(
          new ReceiveMessageCommand({
            QueueUrl: app.output(queueOutput),
            MaxNumberOfMessages: 10,
            MessageSystemAttributeNames: receiveOptions.systemAttributes,
          }),
        );
        return Messages?.length ? Messages : undefined;
      }, receiveOptions.withinWallMs),
  };
  return app;
}
