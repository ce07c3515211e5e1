/**
 * A lookup from a fixed set of string keys to values, generated as a JavaScript `switch` on the
 * key's length and then on the code unit that best tells the remaining keys apart, ending in one
 * `===` against the single candidate left. Why not a Map: the strings of an event come fresh from
 * JSON.parse, not internalized, so every Map.get hashes the whole string again on each event
 * (bench/README.md, "Measurements behind design choices"); the switch reads a couple of code
 * units and compares one string. Every key is embedded with
 * JSON.stringify, so no key text can escape its string literal.
 */
export type StringSwitch<V> = (key: string) => V | undefined;

/** Above this many keys the generated code grows too big for V8 to optimise: a Map is used instead. */
const MAX_SWITCH_KEYS = 512;

/** The position whose code unit splits `keys` (all of one length) into the most groups. */
function bestPosition(keys: readonly string[], length: number): number {
  let best = 0;
  let bestCount = 0;
  for (let position = 0; position < length; position++) {
    const count = new Set(keys.map((key) => key.charCodeAt(position))).size;
    if (count > bestCount) {
      best = position;
      bestCount = count;
    }
  }
  return best;
}

/** Statements returning the value of `key` among `keys` (all of one length), or undefined. */
function emitGroup(keys: readonly string[], slots: ReadonlyMap<string, number>, lines: string[]): void {
  if (keys.length === 1) {
    const only = keys[0] as string;
    lines.push(`return key === ${JSON.stringify(only)} ? V[${slots.get(only) as number}] : undefined;`);
    return;
  }
  const position = bestPosition(keys, (keys[0] as string).length);
  const byUnit = new Map<number, string[]>();
  for (const key of keys) {
    const unit = key.charCodeAt(position);
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), key]);
  }
  lines.push(`switch (key.charCodeAt(${position})) {`);
  for (const [unit, group] of byUnit) {
    lines.push(`case ${unit}: {`);
    emitGroup(group, slots, lines);
    lines.push('}');
  }
  lines.push('}', 'return undefined;');
}

/**
 * Compiles the entries into one lookup function; the map is copied, so later changes to it are
 * not seen.
 */
export function compileStringSwitch<V>(entries: ReadonlyMap<string, V>): StringSwitch<V> {
  if (entries.size === 0) return () => undefined;
  if (entries.size > MAX_SWITCH_KEYS) {
    const copy = new Map(entries);
    return (key) => copy.get(key);
  }
  const values: V[] = [];
  const slots = new Map<string, number>();
  const byLength = new Map<number, string[]>();
  for (const [key, value] of entries) {
    slots.set(key, values.length);
    values.push(value);
    byLength.set(key.length, [...(byLength.get(key.length) ?? []), key]);
  }
  const lines: string[] = ['switch (key.length) {'];
  for (const [length, keys] of byLength) {
    lines.push(`case ${length}: {`);
    emitGroup(keys, slots, lines);
    lines.push('}');
  }
  lines.push('}', 'return undefined;');
  // The keys are JSON.stringify-quoted into the generated switch: no key text can escape its literal.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('V', `return function stringSwitch(key) {\n${lines.join('\n')}\n};`) as (
    values: V[],
  ) => StringSwitch<V>;
  return factory(values);
}
