import { awsClientConfig, LOCAL_CREDENTIALS } from '../../lib/cli/aws-clients';
import { LOCAL_ENDPOINT_URL, resolveAwsTarget } from '../../lib/cli/aws-options';
import { choreo } from './run-cli';

describe('--local', () => {
  it("targets choreo local's default endpoint with the dummy credentials, even when a profile is configured", () => {
    const target = resolveAwsTarget({ variant: 'choreography', local: true }, { AWS_PROFILE: 'sso-admin' });

    expect(target.endpoint).toBe(LOCAL_ENDPOINT_URL);
    expect(awsClientConfig(target, { AWS_PROFILE: 'sso-admin' })).toEqual({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: LOCAL_CREDENTIALS,
    });
  });

  it('is never chosen silently: without it the SDK keeps its own endpoint and credentials', () => {
    const target = resolveAwsTarget({ variant: 'choreography' }, { AWS_PROFILE: 'sso-admin' });

    expect(target.endpoint).toBeUndefined();
    expect(awsClientConfig(target, { AWS_PROFILE: 'sso-admin' })).toEqual({ region: 'us-east-1' });
  });

  it.each([
    ['publish', 'OrderPlaced', '--demo', '1'],
    ['order', 'o-1'],
    ['dlq', 'list'],
    ['replay', '--from', '2026-11-28T10:00:00Z', '--to', '2026-11-28T11:00:00Z'],
    ['seed'],
    ['smoke'],
  ])('exits 2 when %s is given both --local and --endpoint', async (...argv) => {
    const run = await choreo([...argv, '--local', '--endpoint', 'http://127.0.0.1:4600']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--endpoint.*cannot be used with option '--local'/);
  });
});
