import type { CidrRange } from './ip-address';
import type { WildcardSegments } from './wildcard';

/**
 * One alternative in a field's value list, validated. A field matches when any alternative
 * matches any of its leaf values (or, for `exists`, on the field's presence).
 */
export type ValueMatcher =
  | { readonly kind: 'exact'; readonly value: string | number | boolean | null }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly value: string; readonly segments: WildcardSegments }
  | { readonly kind: 'numeric'; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly kind: 'cidr'; readonly range: CidrRange }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'anything-but'; readonly values: readonly string[] | readonly number[]; readonly numeric: boolean }
  | {
      readonly kind: 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-ignore-case';
      readonly values: readonly string[];
    }
  | {
      readonly kind: 'anything-but-wildcard';
      readonly values: readonly string[];
      readonly segments: readonly WildcardSegments[];
    };

/** One end of a numeric range; `open` means the bound itself is excluded. */
export interface NumericBound {
  readonly value: number;
  readonly open: boolean;
}

/** A leaf of a pattern: the path of keys from the event root, and its alternatives. */
export interface FieldPattern {
  readonly path: readonly string[];
  readonly matchers: readonly ValueMatcher[];
}

/**
 * One `$or`-free alternative of a pattern (event-ruler calls it a sub-rule): every field must
 * match. A pattern matches an event when any of its branches does.
 */
export type PatternBranch = readonly FieldPattern[];
