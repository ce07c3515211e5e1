import { join } from 'node:path';
import { loadFidelityFixtures, mismatch, substitute, valueAt, type FidelityStep } from './fidelity-case';
import { FidelityHarness, type WireAnswer } from './fidelity-harness';

/**
 * The differential corpus: every case of test/fixtures/fidelity/<service>/<operation>.json is
 * a sequence of wire calls with what AWS answers to them, taken from the AWS API reference or
 * an AWS-validated recording (named in the case's `source`, shown in the test name). One local
 * cloud endpoint per fixture file; AWS time moves only when a case says so.
 */
const fixtures = loadFidelityFixtures(join(__dirname, '..', 'fixtures', 'fidelity'));

describe.each(fixtures)('$file', ({ fixture }) => {
  let harness: FidelityHarness;

  beforeAll(async () => {
    harness = await FidelityHarness.start();
  });

  afterAll(() => harness.stop());

  it.each(fixture.cases.map((fidelityCase, index) => ({ ...fidelityCase, index })))(
    '$name ($source)',
    async ({ steps, index }) => {
      const variables = new Map<string, unknown>([['id', `c${index}`]]);
      for (const [stepIndex, step] of [...(fixture.background ?? []), ...steps].entries()) {
        await runStep(harness, fixture.service, step, variables, stepIndex);
      }
    },
  );
});

async function runStep(
  harness: FidelityHarness,
  fileService: 'sqs' | 'events' | 'dynamodb',
  step: FidelityStep,
  variables: Map<string, unknown>,
  stepIndex: number,
): Promise<void> {
  if ('advanceSeconds' in step) {
    await harness.clock.advance(step.advanceSeconds * 1000);
    return;
  }
  if ('settle' in step) {
    await harness.bridge.whenIdle();
    return;
  }
  const answer = await harness.call(step.service ?? fileService, step.call, substitute(step.input, variables));
  const problem = judge(answer, substitute(step.expect ?? {}, variables) as NonNullable<typeof step.expect>);
  if (problem) {
    throw new Error(
      `step ${stepIndex} (${step.call}): ${problem}\nanswer: ${JSON.stringify(answer.body).slice(0, 600)}`,
    );
  }
  for (const [name, path] of Object.entries(step.save ?? {})) {
    variables.set(name, valueAt(answer.body, path));
  }
}

function judge(
  answer: WireAnswer,
  expected: NonNullable<Extract<FidelityStep, { call: string }>['expect']>,
): string | undefined {
  const status = expected.status ?? (expected.error ? 400 : 200);
  if (answer.status !== status) return `HTTP ${answer.status}, expected ${status}`;
  if (!expected.error) return expected.output === undefined ? undefined : mismatch(expected.output, answer.body);
  const body = answer.body as { __type?: string; message?: string; Message?: string };
  const type = (body.__type ?? '').split('#').pop();
  if (type !== expected.error) return `error ${String(type)}, expected ${expected.error}`;
  const queryError = answer.headers.get('x-amzn-query-error')?.split(';')[0];
  if (expected.queryError !== undefined && queryError !== expected.queryError) {
    return `query error code ${String(queryError)}, expected ${expected.queryError}`;
  }
  const message = body.message ?? body.Message;
  if (expected.message !== undefined && message !== expected.message) {
    return `message ${JSON.stringify(message)}, expected ${JSON.stringify(expected.message)}`;
  }
  if (expected.messagePattern !== undefined && !new RegExp(expected.messagePattern).test(message ?? '')) {
    return `message ${JSON.stringify(message)} does not match /${expected.messagePattern}/`;
  }
  return expected.output === undefined ? undefined : mismatch(expected.output, answer.body);
}
