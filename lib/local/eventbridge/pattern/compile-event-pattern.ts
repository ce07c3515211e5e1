import { compileBranch, type BranchTest } from './branch-matcher';
import { withDottedKeysExpanded } from './event-access';
import { parseEventPattern } from './parse-event-pattern';

/** A validated pattern, compiled once and matched many times. */
export interface CompiledEventPattern {
  /** The pattern as parsed JSON. */
  readonly source: unknown;
  /**
   * Whether the event matches. `event` is the parsed event (its JSON text is accepted too and
   * parsed first).
   */
  matches(event: unknown): boolean;
}

/**
 * Parses (string or object) and validates like AWS; throws InvalidEventPatternError with AWS's
 * message for a pattern AWS would refuse.
 *
 * @example
 * const pattern = compileEventPattern({ source: ['shop.orders'], detail: { total: [{ numeric: ['>', 100] }] } });
 * pattern.matches({ source: 'shop.orders', detail: { total: 250 } }); // true
 */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  const { source, branches } = parseEventPattern(pattern);
  const tests: BranchTest[] = branches.map(compileBranch);
  const only = tests.length === 1 ? tests[0] : undefined;
  return {
    source,
    matches(event: unknown): boolean {
      const parsed = withDottedKeysExpanded(typeof event === 'string' ? (JSON.parse(event) as unknown) : event);
      if (only) return only(parsed);
      for (const test of tests) if (test(parsed)) return true;
      return false;
    },
  };
}
