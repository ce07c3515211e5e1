import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { accessKeyIdForFunction } from '../../../lib/local/endpoint';
import { fixtureFunction } from './fixture-functions';
import { ACCOUNT_ID, REGION, startLambdaApiHarness, type LambdaApiHarness } from './lambda-api-harness';

const FUNCTIONS = [
  fixtureFunction('echo', 'handler', { runtime: 'nodejs22.x', memorySizeMb: 256 }),
  fixtureFunction('failing', 'fail'),
];

describe('the Lambda REST API (/2015-03-31/functions) through the SDK', () => {
  let harness: LambdaApiHarness;
  let lambda: LambdaClient;

  beforeAll(async () => {
    harness = await startLambdaApiHarness(FUNCTIONS, { invokePolicy: ['echo'] });
    lambda = client('local', 'local');
  });

  afterAll(async () => {
    lambda.destroy();
    await harness.stop();
  });

  function client(accessKeyId: string, secretAccessKey: string): LambdaClient {
    return new LambdaClient({
      endpoint: harness.url,
      region: REGION,
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
  }

  const payloadOf = (bytes: Uint8Array | undefined) => JSON.parse(Buffer.from(bytes ?? []).toString('utf8')) as unknown;

  it('invokes a function synchronously and returns its result with status 200 (API reference: Invoke)', async () => {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from(JSON.stringify({ orderId: 'ord-1' })) }),
    );

    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBeUndefined();
    expect(answer.ExecutedVersion).toBe('$LATEST');
    expect(payloadOf(answer.Payload)).toMatchObject({ echo: { orderId: 'ord-1' }, functionName: 'echo' });
  });

  it('answers a function error with X-Amz-Function-Error Unhandled and the error as the payload (API reference: Invoke, FunctionError)', async () => {
    const answer = await lambda.send(new InvokeCommand({ FunctionName: 'failing', Payload: Buffer.from('{}') }));

    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe('Unhandled');
    expect(payloadOf(answer.Payload)).toMatchObject({
      errorType: 'GatewayError',
      errorMessage: 'payment gateway unreachable',
      trace: expect.any(Array),
    });
  });

  it('returns the last 4 KB of the log base64-encoded with LogType Tail (API reference: Invoke, LogResult)', async () => {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', LogType: 'Tail', Payload: Buffer.from('{"tail":true}') }),
    );

    const log = Buffer.from(answer.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST/);
    expect(log).toContain('\tINFO\thandling {"tail":true}');
    expect(log).toMatch(
      /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB/,
    );
  });

  it('answers 202 for an Event invocation and 204 for a DryRun (API reference: Invoke, StatusCode)', async () => {
    const event = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: Buffer.from('{}') }),
    );
    const dryRun = await lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }));

    expect(event.StatusCode).toBe(202);
    expect(dryRun.StatusCode).toBe(204);
  });

  it('refuses an unknown function with ResourceNotFoundException 404 naming its ARN', async () => {
    await expect(lambda.send(new InvokeCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:nope`,
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('takes a function ARN as the name and $LATEST as the qualifier, and refuses other qualifiers', async () => {
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:echo`;
    const byArn = await lambda.send(new InvokeCommand({ FunctionName: arn, Payload: Buffer.from('{}') }));
    const latest = await lambda.send(new InvokeCommand({ FunctionName: 'echo', Qualifier: '$LATEST' }));

    expect(byArn.StatusCode).toBe(200);
    expect(latest.StatusCode).toBe(200);
    await expect(lambda.send(new InvokeCommand({ FunctionName: `${arn}:live` }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses a payload that is not JSON with InvalidRequestContentException (400)', async () => {
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{not json') })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses payloads over 6 MB synchronously and 256 KB asynchronously with RequestEntityTooLargeException (413, Lambda quotas)', async () => {
    const big = (bytes: number) => Buffer.from(JSON.stringify({ blob: 'x'.repeat(bytes) }));

    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: big(6 * 1024 * 1024) })),
    ).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      $metadata: { httpStatusCode: 413 },
    });
    await expect(
      lambda.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event', Payload: big(300 * 1024) })),
    ).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      message: expect.stringMatching(
        /^\d+ byte payload is too large for the Event invocation type \(limit 262144 bytes\)$/,
      ),
    });
  });

  it('describes functions with GetFunction, GetFunctionConfiguration and ListFunctions', async () => {
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    const configuration = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'echo' }));
    const list = await lambda.send(new ListFunctionsCommand({}));

    expect(fn.Configuration).toMatchObject({
      FunctionName: 'echo',
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:echo`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 30,
      State: 'Active',
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/echo' },
    });
    expect(configuration).toMatchObject({ FunctionName: 'echo', Version: '$LATEST' });
    expect(list.Functions?.map((each) => each.FunctionName)).toEqual(['echo', 'failing']);
  });

  it("applies local IAM to invocations made by a function: lambda:InvokeFunction on the caller's role", async () => {
    const caller = client(accessKeyIdForFunction('caller'), 'local-cloud-secret-access-key');
    try {
      const allowed = await caller.send(new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{}') }));
      const refused = caller.send(new InvokeCommand({ FunctionName: 'failing', Payload: Buffer.from('{}') }));

      expect(allowed.StatusCode).toBe(200);
      await expect(refused).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining('lambda:InvokeFunction'),
      });
    } finally {
      caller.destroy();
    }
  });
});
