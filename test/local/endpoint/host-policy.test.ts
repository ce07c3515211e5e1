import { request } from 'node:http';
import { LocalHostPolicy } from '../../../lib/local/endpoint/local-host-policy';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';

/** A raw HTTP call with headers fetch() will not let a caller set (Host). */
function rawCall(
  url: string,
  headers: Record<string, string>,
  body = '{}',
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(url);
    const call = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text || '{}') }));
    });
    call.on('error', reject);
    call.end(body);
  });
}

const listQueues = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' };

describe('the local host policy', () => {
  const policy = new LocalHostPolicy({ allowedHosts: ['devbox.internal', 'proxy.test:8443'] });

  it.each(['127.0.0.1', '127.0.0.1:4566', 'localhost', 'LOCALHOST:4566', '[::1]', '[::1]:4566', 'devbox.internal:80'])(
    'accepts the local host %s',
    (host) => {
      expect(policy.check({ host })).toBeUndefined();
    },
  );

  it.each([
    'rebind.attacker.example',
    'rebind.attacker.example:4566',
    '127.0.0.1.nip.io',
    'localhost.attacker.example',
    '127.0.0.1:notaport',
    'proxy.test:9000',
    '',
  ])('refuses the host %p', (host) => {
    expect(policy.check({ host })?.reason).toBe('host');
  });

  it('accepts a request without a Host header (not a browser)', () => {
    expect(policy.check({})).toBeUndefined();
  });

  it.each(['http://127.0.0.1:4567', 'http://localhost:3000', 'https://[::1]'])(
    'accepts the local origin %s',
    (origin) => {
      expect(policy.check({ host: '127.0.0.1:4566', origin })).toBeUndefined();
    },
  );

  it.each(['https://attacker.example', 'null', 'file://', 'chrome-extension://abc', 'not a url'])(
    'refuses browser requests from the origin %p',
    (origin) => {
      expect(policy.check({ host: '127.0.0.1:4566', origin })?.reason).toBe('origin');
    },
  );
});

describe('the endpoint under DNS rebinding', () => {
  let harness: EndpointHarness;
  beforeAll(async () => {
    harness = await startEndpointHarness({ allowedHosts: ['devbox.internal'] });
  });
  afterAll(() => harness.stop());

  it('refuses a request whose Host is a foreign name with a 403 AccessDeniedException', async () => {
    // GIVEN a page on rebind.attacker.example whose name now resolves to 127.0.0.1
    // WHEN its script calls the endpoint
    const answer = await rawCall(harness.url, { ...listQueues, host: 'rebind.attacker.example:4566' });
    // THEN the call is refused before any service sees it
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ __type: 'AccessDeniedException' });
    expect(String(answer.json['message'])).toContain("host 'rebind.attacker.example:4566' is not a local name");
  });

  it('refuses a browser request from a foreign origin even with a loopback Host', async () => {
    const answer = await rawCall(harness.url, { ...listQueues, host: '127.0.0.1', origin: 'https://attacker.example' });
    expect(answer.status).toBe(403);
    expect(String(answer.json['message'])).toContain("origin 'https://attacker.example'");
  });

  it('serves loopback names and names given with --allow-host', async () => {
    for (const host of ['127.0.0.1', 'localhost:4566', '[::1]:4566', 'devbox.internal:4566']) {
      const answer = await rawCall(harness.url, { ...listQueues, host });
      expect({ host, status: answer.status }).toEqual({ host, status: 200 });
    }
  });
});
