import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { useAppCloud } from './support/app-under-test';

describe('lambda-invoke-api (README check; needs the Lambda Invoke API)', () => {
  const app = useAppCloud('lambda-invoke-api');

  it('answers an Invoke with the greeting, and an Unhandled function error without a name', async () => {
    const lambda = app.client(LambdaClient);
    const ok = await lambda.send(
      new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from(JSON.stringify({ name: 'Ada' })) }),
    );
    expect(ok.StatusCode).toBe(200);
    expect(JSON.parse(Buffer.from(ok.Payload ?? []).toString('utf8'))).toEqual({ message: 'Hello, Ada!' });
    const failed = await lambda.send(new InvokeCommand({ FunctionName: 'greeter', Payload: Buffer.from('{}') }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString('utf8')).errorMessage).toBe('name is required');
  });
});
