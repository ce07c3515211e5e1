import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { clientConfig, startAppCloud } from './support/app-cloud';

describe('lambda-invoke-api (README check; needs the Lambda Invoke API)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startAppCloud('lambda-invoke-api');
  });
  afterAll(() => cloud.stop());

  it('answers an Invoke with the greeting, and an Unhandled function error without a name', async () => {
    const lambda = new LambdaClient(clientConfig(cloud));
    const ok = await lambda.send(
      new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from(JSON.stringify({ name: 'Ada' })) }),
    );
    expect(ok.StatusCode).toBe(200);
    expect(JSON.parse(Buffer.from(ok.Payload ?? []).toString('utf8'))).toEqual({ message: 'Hello, Ada!' });
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from('{}') }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString('utf8')).errorMessage).toBe('name is required');
    lambda.destroy();
  });
});
