import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A `moto_server` child process on loopback, for comparing the local endpoint against moto. */
export interface MotoServer {
  readonly endpointUrl: string;
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and waits until it answers, or resolves to
 * undefined when moto_server is not installed (or does not come up within `timeoutMs`).
 */
export async function startMotoServer(timeoutMs = 30_000): Promise<MotoServer | undefined> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const exited = new Promise<void>((resolve) => {
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
  let gone = false;
  void exited.then(() => (gone = true));
  const endpointUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      await fetch(`${endpointUrl}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      return { endpointUrl, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await stop();
  return undefined;
}
