import { createServer, type Server } from 'node:net';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { assertPortFree, PortInUseError } from '../../../lib/local/startup';

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('port check before synthesis', () => {
  it('refuses a taken port, naming --port 0 as the way out', async () => {
    const { server, port } = await listen();
    try {
      await expect(assertPortFree(port)).rejects.toThrow(PortInUseError);
      await expect(assertPortFree(port)).rejects.toThrow(/--port 0/);
    } finally {
      server.close();
    }
  });

  it('lets a free port and port 0 through', async () => {
    const { server, port } = await listen();
    await new Promise((resolve) => server.close(resolve));
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    await expect(assertPortFree(0)).resolves.toBeUndefined();
  });

  it('fails LocalCloud.start on a taken port before synthesizing anything', async () => {
    const { server, port } = await listen();
    const started = Date.now();
    try {
      // The project directory has no CDK app: reaching synthesis would fail with another error.
      await expect(LocalCloud.start({ port, projectDirectory: '/nonexistent-project' })).rejects.toThrow(
        PortInUseError,
      );
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.close();
    }
  });
});
