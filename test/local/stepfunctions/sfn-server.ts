import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { AwsJsonService } from '../../../lib/local/endpoint';

/** An AwsJsonService served on 127.0.0.1, with a stock SFNClient pointed at it. */
export interface ServedStepFunctions {
  readonly client: SFNClient;
  close(): Promise<void>;
}

/** Serves `service.handle` over HTTP on a free loopback port. */
export async function serveStepFunctions(service: AwsJsonService): Promise<ServedStepFunctions> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void service
        .handle({
          target: String(request.headers['x-amz-target'] ?? ''),
          body: Buffer.concat(chunks),
          headers: request.headers,
          caller: { accessKeyId: 'test', principal: 'client' },
        })
        .then((answer) => {
          response.writeHead(answer.statusCode, { 'content-type': 'application/x-amz-json-1.0', ...answer.headers });
          response.end(answer.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new SFNClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    // StartSyncExecution targets the `sync-` host prefix, which an IP address cannot take.
    disableHostPrefix: true,
  });
  return {
    client,
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

