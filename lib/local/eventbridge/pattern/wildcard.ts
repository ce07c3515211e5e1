import { InvalidEventPatternError } from './invalid-event-pattern-error';

/**
 * EventBridge wildcards: `*` matches any run of characters (including none); `\*` is a literal
 * star and `\\` a literal backslash; any other escape, and two stars in a row, are refused.
 */

/** A wildcard split at its unescaped stars: the literal text between them. */
export type WildcardSegments = readonly string[];

/** The 1-based byte offset event-ruler reports: it parses the UTF-8 bytes of the quoted operand. */
function position(pattern: string, index: number): number {
  return Buffer.byteLength(pattern.slice(0, index), 'utf8') + 1;
}

/** Validates a wildcard operand with AWS's wording and splits it into literal segments. */
export function parseWildcard(pattern: string): WildcardSegments {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        throw new InvalidEventPatternError(`Consecutive wildcard characters at pos ${position(pattern, i)}`);
      }
      segments.push(current);
      current = '';
    } else if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternError(`Invalid escape character at pos ${position(pattern, i)}`);
      }
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * A predicate for one parsed wildcard. Greedy leftmost matching of the literal segments is exact
 * for globs with a single wildcard character, and runs in linear time (no regex backtracking).
 */
export function wildcardPredicate(segments: WildcardSegments): (value: string) => boolean {
  if (segments.length === 1) {
    const only = segments[0] as string;
    return (value) => value === only;
  }
  const first = segments[0] as string;
  const last = segments[segments.length - 1] as string;
  const middle = segments.slice(1, -1);
  const fixedLength = first.length + last.length;
  return (value) => {
    if (value.length < fixedLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    let from = first.length;
    const end = value.length - last.length;
    for (const segment of middle) {
      const at = value.indexOf(segment, from);
      if (at < 0 || at + segment.length > end) return false;
      from = at + segment.length;
    }
    return true;
  };
}

const STAR = -1;

/** The byte tokens event-ruler builds its automaton from: the quoted operand, stars marked. */
function wildcardTokens(pattern: string): number[] {
  const tokens = [0x22];
  for (const segment of parseWildcard(pattern).map((s) => Buffer.from(s, 'utf8'))) {
    if (tokens.length > 1) tokens.push(STAR);
    tokens.push(...segment);
  }
  tokens.push(0x22);
  return tokens;
}

/** AWS refuses a field whose wildcards could leave more automaton states alive than this. */
export const WILDCARD_COMPLEXITY_LIMIT = 10;

/** Past this many distinct state sets the search stops: the answer is "too complex" anyway. */
const MAX_STATE_SETS = 5000;

/**
 * The worst-case number of wildcard automaton states alive at once while matching one value
 * against all of a field's wildcard operands: the measure event-ruler's MachineComplexityEvaluator
 * caps ("Rule is too complex"). Computed by exploring the subset automaton over the bytes the
 * patterns mention plus one stand-in for every other byte. This is an approximation of the
 * service's evaluator, calibrated on AWS's recorded answers (see the conformance fixtures).
 */
export function wildcardComplexity(patterns: readonly string[]): number {
  const automata = patterns.map(wildcardTokens);
  const alphabet = new Set<number>([0x100]);
  for (const tokens of automata) for (const t of tokens) if (t !== STAR) alphabet.add(t);
  const close = (states: Set<string>): Set<string> => {
    for (const state of [...states]) {
      const [a, p] = state.split(':').map(Number) as [number, number];
      let position = p;
      while ((automata[a] as number[])[position] === STAR) states.add(`${a}:${++position}`);
    }
    return states;
  };
  const start = close(new Set(automata.map((_, a) => `${a}:0`)));
  const seen = new Set<string>();
  const queue = [start];
  let worst = 0;
  while (queue.length > 0 && seen.size < MAX_STATE_SETS) {
    const states = queue.shift() as Set<string>;
    for (const byte of alphabet) {
      const next = new Set<string>();
      for (const state of states) {
        const [a, p] = state.split(':').map(Number) as [number, number];
        const token = (automata[a] as number[])[p];
        if (token === STAR) next.add(state);
        else if (token === byte) next.add(`${a}:${p + 1}`);
      }
      if (next.size === 0) continue;
      close(next);
      // A state at the end of its tokens is a completed match, not a live prefix.
      const live = [...next].filter((s) => {
        const [a, p] = s.split(':').map(Number) as [number, number];
        return p < (automata[a] as number[]).length;
      }).length;
      worst = Math.max(worst, live);
      if (worst > WILDCARD_COMPLEXITY_LIMIT) return worst;
      const key = [...next].sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(next);
      }
    }
  }
  return worst;
}
