import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsJsonService } from '../../lib/local/endpoint/aws-json';

/** An AwsJsonService served on a free 127.0.0.1 port, for tests that use the stock SDK clients. */
export interface ServedAwsJson {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Serves `service.handle` over HTTP, as an operator (`client`) caller, with a default content type. */
export async function serveAwsJson(
  service: AwsJsonService,
  contentType = 'application/x-amz-json-1.0',
): Promise<ServedAwsJson> {
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
          response.writeHead(answer.statusCode, { 'content-type': contentType, ...answer.headers });
          response.end(answer.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** Credentials and retry settings every test client of a served service uses. */
export const TEST_CLIENT_CONFIG = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
} as const;
