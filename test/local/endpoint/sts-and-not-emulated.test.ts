import { accessKeyIdForFunction } from '../../../lib/local/endpoint';
import { callerIdentityOf, StsJsonApi, stsQueryRoute, STS_TARGET_PREFIX } from '../../../lib/local/sts';
import { runAwsCli } from '../../support/aws-cli';
import { startEndpointHarness, type EndpointHarness } from './endpoint-harness';
const ACCOUNT = '000000000000';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/Orders-HandlerRole`;

// AWS STS API reference, GetCallerIdentity (query protocol, XML; an assumed role's session answers
// arn:aws:sts::<account>:assumed-role/<role name>/<session>, Lambda's session is the function name).
describe('STS and calls the local cloud does not emulate', () => {
  let harness: EndpointHarness;

  beforeAll(async () => {
    harness = await startEndpointHarness();
    const identityOf = (caller: Parameters<typeof callerIdentityOf>[0]) =>
      callerIdentityOf(caller, ACCOUNT, (name) => (name === 'orders-handler' ? ROLE_ARN : undefined));
    harness.endpoint.register(STS_TARGET_PREFIX, new StsJsonApi(identityOf), '1.0');
    harness.endpoint.registerRoute(stsQueryRoute(identityOf));
  });

  afterAll(() => harness.stop());

  async function aws(
    accessKeyId: string,
    ...args: string[]
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await runAwsCli(harness.url, args, { accessKeyId, env: { AWS_MAX_ATTEMPTS: '1' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('answers `aws sts get-caller-identity` (query protocol) with the account for a client key', async () => {
    const result = await aws('test', 'sts', 'get-caller-identity');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      UserId: ACCOUNT,
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:root`,
    });
  });

  it("answers a function's key with the assumed-role session of the function's role", async () => {
    const result = await aws(accessKeyIdForFunction('orders-handler'), 'sts', 'get-caller-identity');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Orders-HandlerRole/orders-handler`,
      UserId: expect.stringMatching(/^AROA[0-9A-F]{17}:orders-handler$/) as unknown,
    });
  });

  it('answers GetCallerIdentity over JSON 1.0 (AWSSecurityTokenServiceV20110615)', async () => {
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${STS_TARGET_PREFIX}GetCallerIdentity`,
      },
      body: '{}',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
  });

  it('answers other STS actions with a 4xx InvalidAction naming them as not emulated', async () => {
    const result = await aws('test', 'sts', 'get-session-token');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/InvalidAction.*sts GetSessionToken is not emulated/);
  });

  it('answers `aws s3 ls` with a 4xx naming S3 and the call, never a 500 retried', async () => {
    const result = await aws('test', 's3', 'ls');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('NotImplemented');
    expect(result.stderr).toContain('s3 GET / is not emulated by the local cloud');
    expect(result.stderr).not.toMatch(/\(500\)|max retries/);
  });

  it('answers a query protocol call to SNS with InvalidAction naming SNS and the action', async () => {
    const result = await aws('test', 'sns', 'list-topics');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/InvalidAction.*sns ListTopics is not emulated/);
  });

  it('answers an unknown X-Amz-Target with 400 UnknownOperationException naming the service and operation', async () => {
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.PutRecord' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message:
        "unknown operation 'Kinesis_20131202.PutRecord': Kinesis_20131202 PutRecord is not emulated by the local cloud",
    });
  });
});
