import { choreo } from '../cli/run-cli';

describe('choreo chaos', () => {
  it.each([
    [['--rate', '2'], "argument '2' is invalid. expected a rate from 0 to 1, got '2'"],
    [['--dual-write-gap-rate', 'often'], "expected a rate from 0 to 1, got 'often'"],
    [['--orders', '0'], "expected a whole number from 1 to 20000, got '0'"],
    [['--variant', 'saga'], 'Allowed choices are choreography, orchestration, both'],
    [['--rate', '0.4'], "the invocation fault rates must add up to at most 1, got '1.2"],
  ])('exits 2 and says why for %j', async (argv, message) => {
    // Act
    const run = await choreo(['chaos', ...argv]);
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('lists a rate option for every fault kind', async () => {
    const run = await choreo(['chaos', '--help']);
    expect(run.stdout).toContain('--throttled-put-events-rate <r>');
    expect(run.stdout).toContain('--dual-write-gap-rate <r>');
    expect(run.stdout).toContain('--function-timeout-rate <r>');
  });
});
