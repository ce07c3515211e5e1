import { ColdStartGate, type ColdStartSlot } from '../../../lib/local/lambda';

describe('ColdStartGate', () => {
  it('grants up to its limit at once and the rest in arrival order as slots are released', () => {
    // Prepare
    const gate = new ColdStartGate(2);
    const granted: string[] = [];
    const slots = new Map<string, ColdStartSlot>();
    const ask = (name: string) =>
      gate.request((slot) => {
        granted.push(name);
        slots.set(name, slot);
      });

    // Act
    ['a', 'b', 'c', 'd'].forEach(ask);
    const grantedAtFirst = [...granted];
    slots.get('b')?.release();
    slots.get('a')?.release();

    // Assess
    expect(grantedAtFirst).toEqual(['a', 'b']);
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    expect(gate).toMatchObject({ initializing: 2, waiting: 0, peakInitializing: 2 });
  });

  it('skips a withdrawn request and frees a slot only once however often it is released', () => {
    const gate = new ColdStartGate(1);
    let first: ColdStartSlot | undefined;
    const granted: string[] = [];
    gate.request((slot) => (first = slot));
    const withdrawn = gate.request(() => granted.push('withdrawn'));
    gate.request(() => granted.push('next'));
    gate.request(() => granted.push('last'));

    withdrawn.withdraw();
    first?.release();
    first?.release();

    expect(granted).toEqual(['next']);
    expect(gate).toMatchObject({ initializing: 1, waiting: 1 });
  });

  it('refuses a limit that is not a positive integer, quoting it', () => {
    expect(() => new ColdStartGate(0)).toThrow("maxConcurrentColdStarts must be a positive integer, got '0'");
    expect(() => new ColdStartGate(1.5)).toThrow(RangeError);
  });
});
