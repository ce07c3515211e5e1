import { compileEventPattern, InvalidEventPatternError } from '../../../lib/local/eventbridge/pattern';

describe('compileEventPattern', () => {
  it('accepts the pattern as JSON text and keeps the parsed source', () => {
    // Act
    const pattern = compileEventPattern('{"source":["shop.orders"]}');

    // Assess
    expect(pattern.source).toEqual({ source: ['shop.orders'] });
    expect(pattern.matches({ source: 'shop.orders' })).toBe(true);
  });

  it('fails if the pattern text is not JSON', () => {
    // Act
    const compile = (): unknown => compileEventPattern('{"source": [');

    // Assess
    expect(compile).toThrow(InvalidEventPatternError);
    expect(compile).toThrow(/^Event pattern is not valid\. Reason: Filter is not valid JSON/);
  });

  it('fails if the pattern is not an object', () => {
    // Act
    const compile = (): unknown => compileEventPattern('"source"');

    // Assess
    expect(compile).toThrow('Event pattern is not valid. Reason: Filter is not an object');
  });

  it("says the error is not retryable and carries AWS's code", () => {
    // Act
    let caught: unknown;
    try {
      compileEventPattern({ source: [] });
    } catch (error) {
      caught = error;
    }

    // Assess
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect(caught).toMatchObject({
      code: 'InvalidEventPatternException',
      retryable: false,
      reason: 'Empty arrays are not allowed',
    });
  });

  it('lets the later of two mentions of a path win, as AWS does', () => {
    // Prepare
    const pattern = compileEventPattern({ detail: { x: ['a'], $or: [{ x: ['b'] }, { y: ['c'] }] } });

    // Act
    const viaOverride = pattern.matches({ detail: { x: 'b' } });
    const viaOriginal = pattern.matches({ detail: { x: 'a', y: 'c' } });

    // Assess
    expect(viaOverride).toBe(true);
    expect(viaOriginal).toBe(true);
  });

  it('refuses a field whose wildcards make too complex an automaton', () => {
    // Act
    const compile = (): unknown =>
      compileEventPattern({
        key: [{ wildcard: '*/a/*.x' }, { wildcard: '*/a/*.y' }, { wildcard: '*/a/*.z' }, { wildcard: '*/a/*.w' }],
      });

    // Assess
    expect(compile).toThrow('Reason: Rule is too complex - try using fewer wildcard characters');
  });

  it('accepts a few wildcards on one field', () => {
    // Act
    const pattern = compileEventPattern({ key: [{ wildcard: '*/a/*.x' }, { wildcard: '*/a/*.y' }] });

    // Assess
    expect(pattern.matches({ key: 'root/a/file.y' })).toBe(true);
  });
});
