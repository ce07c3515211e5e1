import { createServer } from 'node:net';
import { PortInUseError } from './port-in-use-error';

/**
 * Resolves when `port` on 127.0.0.1 can be listened on now, rejects with `PortInUseError` when
 * it is taken. Port 0 (any free port) is always free. Only a check: another process may still
 * take the port before the endpoint listens, which then fails with Node's own EADDRINUSE.
 */
export function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}
