import awsCases from '../../fixtures/conformance/eventbridge-patterns.json';
import projectCases from '../../fixtures/conformance/project-pattern-cases.json';
import { compileEventPattern, InvalidEventPatternError, RuleIndex } from '../../../lib/local/eventbridge/pattern';

interface PatternCase {
  readonly name: string;
  readonly event: unknown;
  readonly pattern: unknown;
  readonly expect: 'match' | 'no-match' | 'invalid';
  readonly awsMessage?: string;
}

function describeCases(cases: readonly PatternCase[]): void {
  const matching = cases.filter((c) => c.expect !== 'invalid');
  const invalid = cases.filter((c) => c.expect === 'invalid');

  it.each(matching.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    // Prepare
    const pattern = compileEventPattern(testCase.pattern);
    const index = new RuleIndex<string>();
    index.add('rule', testCase.pattern, 'target');

    // Act
    const matched = pattern.matches(testCase.event);
    const indexed = index.match(testCase.event);

    // Assess
    expect(matched).toBe(testCase.expect === 'match');
    expect(indexed).toEqual(testCase.expect === 'match' ? ['target'] : []);
  });

  it.each(invalid.map((c) => [c.name, c] as const))("%s is refused with AWS's reason", (_name, testCase) => {
    // Act
    const compile = (): unknown => compileEventPattern(testCase.pattern);

    // Assess
    expect(compile).toThrow(InvalidEventPatternError);
    expect(compile).toThrow(testCase.awsMessage);
  });
}

describe('EventBridge patterns recorded against AWS (test/fixtures/conformance/eventbridge-patterns.json)', () => {
  describeCases(awsCases as PatternCase[]);
});

describe('EventBridge operator edge cases (test/fixtures/conformance/project-pattern-cases.json)', () => {
  describeCases((projectCases as { cases: PatternCase[] }).cases);
});
