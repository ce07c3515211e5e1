import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { choreo } from '../../cli/run-cli';
import { BAD_INPUT_FIXTURES } from './bad-input-case';

const cliCorpus = z
  .object({
    description: z.string(),
    cases: z.array(
      z
        .object({
          name: z.string().min(1),
          argv: z.array(z.string()),
          exitCode: z.literal(2),
          stderrIncludes: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict()
  .parse(JSON.parse(readFileSync(join(BAD_INPUT_FIXTURES, 'cli.json'), 'utf8')));

const withFixtures = (text: string) => text.replaceAll('{{fixtures}}', BAD_INPUT_FIXTURES);

describe('the choreo command line refusing bad arguments', () => {
  it.each(cliCorpus.cases.map((badInput) => [badInput.name, badInput] as const))('%s', async (_name, badInput) => {
    // Act
    const run = await choreo(badInput.argv.map(withFixtures));

    // Assess: a usage error, said once on stderr, and nothing on stdout
    expect(run.code).toBe(badInput.exitCode);
    expect(run.stderr).toContain(withFixtures(badInput.stderrIncludes));
    expect(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('error:')),
    ).toHaveLength(1);
    expect(run.stdout).toBe('');
  });
});
