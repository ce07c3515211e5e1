import cases from '../../fixtures/conformance/eventbridge-input-transformers.json';
import { applyInputPath, applyInputTransformer } from '../../../lib/local/eventbridge/input-transformer';

interface TransformerCase {
  readonly name: string;
  readonly event: unknown;
  readonly inputPath?: string;
  readonly inputPathsMap?: Record<string, string>;
  readonly inputTemplate?: string;
  readonly expectOutput: unknown;
  readonly outputKind: 'text' | 'json';
  readonly context?: { ruleArn: string; ruleName: string; ingestionTime: string };
  readonly stale?: boolean;
}

const DEFAULT_CONTEXT = {
  ruleArn: 'arn:aws:events:us-east-1:111111111111:rule/test-rule',
  ruleName: 'test-rule',
  ingestionTime: '2024-05-13T12:27:20Z',
};

function deliver(testCase: TransformerCase): string {
  if (testCase.inputPath !== undefined) return applyInputPath(testCase.event, testCase.inputPath);
  return applyInputTransformer(
    testCase.event,
    { inputPathsMap: testCase.inputPathsMap, inputTemplate: testCase.inputTemplate as string },
    { ...DEFAULT_CONTEXT, ...testCase.context },
  );
}

function assessOutput(testCase: TransformerCase, body: string): void {
  if (testCase.outputKind === 'json') expect(JSON.parse(body)).toEqual(testCase.expectOutput);
  else expect(body).toBe(testCase.expectOutput);
}

const all = cases as TransformerCase[];

describe('EventBridge input transformation recorded against AWS', () => {
  it.each(all.filter((c) => !c.stale).map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    // Act
    const body = deliver(testCase);

    // Assess
    assessOutput(testCase, body);
  });
});

// Recorded in 2024 and not re-validated since: informative, so a difference is reported as a
// failing expectation on the stale case alone, where it can be judged.
describe('EventBridge input transformation recorded in 2024 (stale, informative)', () => {
  it.each(all.filter((c) => c.stale).map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    // Act
    const body = deliver(testCase);

    // Assess
    assessOutput(testCase, body);
  });
});
