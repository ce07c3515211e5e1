import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('bin/choreo.js', () => {
  it('exits 2 with the contract message, before any network call, for an invalid detail', () => {
    // GIVEN the real executable and an endpoint where nothing listens (port 9, discard)
    const bin = join(__dirname, '../../bin/choreo.js');
    // WHEN it publishes a detail that breaks the OrderPlaced contract
    const result = spawnSync(
      process.execPath,
      [bin, 'publish', 'OrderPlaced', '--detail', '{"bogus":true}', '--endpoint', 'http://127.0.0.1:9'],
      { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '' } },
    );
    // THEN it stops at validation: exit code 2, one line naming the problem, nothing on stdout
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: the OrderPlaced data does not match its contract: .*Unrecognized key: "bogus"\n$/,
    );
    expect(result.stdout).toBe('');
  });
});
