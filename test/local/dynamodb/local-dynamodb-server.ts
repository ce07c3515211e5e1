import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalDynamoDb, type LocalDynamoDbOptions } from '../../../lib/local/dynamodb';

/** A LocalDynamoDb served on a loopback port, with stock SDK clients pointed at it. */
export interface ServedDynamoDb {
  readonly dynamodb: LocalDynamoDb;
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  /** Stops the server, the clients and the store. */
  close(): Promise<void>;
}

/** Starts a LocalDynamoDb and serves its `handle` over HTTP on 127.0.0.1 (any free port). */
export async function serveLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<ServedDynamoDb> {
  const dynamodb = await LocalDynamoDb.start(options);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void dynamodb
        .handle({
          target: String(request.headers['x-amz-target'] ?? ''),
          body: Buffer.concat(chunks),
          headers: request.headers,
          caller: { accessKeyId: 'test', principal: 'client' },
        })
        .then((answer) => {
          response.writeHead(answer.statusCode, answer.headers);
          response.end(answer.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const documents = DynamoDBDocumentClient.from(client);
  return {
    dynamodb,
    client,
    documents,
    close: async () => {
      client.destroy();
      await closeServer(server);
      await dynamodb.stop();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
