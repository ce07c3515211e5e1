import { comparableKey, isComparable, NUMERIC_LIMIT } from './comparable-number';
import { buildTree, compileChildStep, type PatternNode } from './general-evaluator';
import { looksLikeIp } from './ip-address';
import { compileLeaf, compileScalarTest, LeafResult } from './leaf-matcher';
import type { FieldPattern, NumericBound, PatternBranch, ValueMatcher } from './pattern-ast';

/**
 * Generates the fast path of branches as JavaScript source, compiled once with `new Function`.
 * Why: closures shared by every branch make each call site megamorphic, so V8 cannot inline
 * them; generated code has its own call sites and its reads and comparisons inline. A whole
 * bucket of the rule index (every branch filed under one value) becomes one function, so that
 * matching an event makes one call per bucket instead of one per branch, and the few bucket
 * functions are hot enough for V8 to optimise them early. Each object and leaf value on the
 * branches' paths is read once per function, or once per group of branches demanding the same
 * detail types (numbers turned into their comparable key once), then every branch tests those
 * locals. The subtree under an array of objects, where array consistency needs it, goes to the
 * general evaluator (general-evaluator.ts). Every literal is embedded with JSON.stringify, so
 * no pattern text can escape its string literal.
 */

/** What the generated code calls: scalar tests, leaf tests of arrays, subtree tests. */
type Helpers = unknown[];

const MAX_INLINE_STRINGS = 6;
/**
 * Branches per generated function: V8 stops optimising functions whose bytecode grows too big,
 * so a huge bucket is split into several functions called in turn.
 */
const MAX_BRANCHES_PER_FUNCTION = 24;

function readKey(objectVar: string, key: string): string {
  const literal = JSON.stringify(key);
  // Keys Object.prototype has must be own properties of the event to count.
  if (key in Object.prototype || key === '__proto__')
    return `(hasOwn.call(${objectVar}, ${literal}) ? ${objectVar}[${literal}] : undefined)`;
  return `${objectVar}[${literal}]`;
}

function helper(helpers: Helpers, fn: unknown): string {
  helpers.push(fn);
  return `h[${helpers.length - 1}]`;
}

/** The names of the values a leaf test reads: the raw value, and its comparable number key. */
interface LeafVars {
  readonly value: string;
  /** Resolves (declaring it on first use) the variable holding the value's comparable key, NaN when none. */
  readonly numberKey: () => string;
}

function numericExpression(key: string, lower: NumericBound | undefined, upper: NumericBound | undefined): string {
  const terms: string[] = [];
  if (lower) terms.push(`${key} ${lower.open ? '>' : '>='} ${comparableKey(lower.value)}`);
  if (upper) terms.push(`${key} ${upper.open ? '<' : '<='} ${comparableKey(upper.value)}`);
  // A key is NaN for anything but a comparable number, and NaN fails every comparison.
  return terms.length === 0 ? `${key} === ${key}` : `(${terms.join(' && ')})`;
}

/** Affixes up to this many UTF-16 units are compared unit by unit inline. */
const MAX_INLINE_AFFIX = 8;

/**
 * `prefix`/`suffix` (case-sensitive) as an expression. A short affix is compared code unit by
 * code unit, as startsWith/endsWith do, because optimised code inlines charCodeAt but calls the
 * startsWith/endsWith builtins.
 */
function affixExpression(v: string, affix: string, kind: 'prefix' | 'suffix'): string {
  const literal = JSON.stringify(affix);
  if (affix.length === 0 || affix.length > MAX_INLINE_AFFIX) {
    return `(typeof ${v} === 'string' && ${v}.${kind === 'prefix' ? 'startsWith' : 'endsWith'}(${literal}))`;
  }
  const units = Array.from({ length: affix.length }, (_, i) => {
    const at = kind === 'prefix' ? `${i}` : `${v}.length - ${affix.length - i}`;
    return `${v}.charCodeAt(${at}) === ${affix.charCodeAt(i)}`;
  });
  return `(typeof ${v} === 'string' && ${v}.length >= ${affix.length} && ${units.join(' && ')})`;
}

/** The expression testing a scalar leaf value against a field's value alternatives (no `exists`). */
function scalarExpression(matchers: readonly ValueMatcher[], vars: LeafVars, helpers: Helpers): string {
  const v = vars.value;
  const strings: string[] = [];
  const others: ValueMatcher[] = [];
  for (const matcher of matchers) {
    if (matcher.kind === 'exact' && typeof matcher.value === 'string' && !looksLikeIp(matcher.value))
      strings.push(matcher.value);
    else others.push(matcher);
  }
  const terms: string[] = [];
  if (strings.length > 0 && strings.length <= MAX_INLINE_STRINGS) {
    terms.push(...strings.map((s) => `${v} === ${JSON.stringify(s)}`));
  } else if (strings.length > 0) {
    const set = new Set(strings);
    terms.push(`${helper(helpers, (value: unknown) => set.has(value as string))}(${v})`);
  }
  for (const matcher of others) {
    if (matcher.kind === 'exact' && (typeof matcher.value === 'boolean' || matcher.value === null)) {
      terms.push(`${v} === ${JSON.stringify(matcher.value)}`);
    } else if (matcher.kind === 'exact' && typeof matcher.value === 'number' && isComparable(matcher.value)) {
      // Numbers equal as event-ruler compares them (six decimal digits) have the same key.
      terms.push(`${vars.numberKey()} === ${comparableKey(matcher.value)}`);
    } else if (matcher.kind === 'numeric') {
      terms.push(numericExpression(vars.numberKey(), matcher.lower, matcher.upper));
    } else if (matcher.kind === 'prefix' && !matcher.ignoreCase) {
      terms.push(affixExpression(v, matcher.value, 'prefix'));
    } else if (matcher.kind === 'suffix' && !matcher.ignoreCase) {
      terms.push(affixExpression(v, matcher.value, 'suffix'));
    } else {
      terms.push(`${helper(helpers, compileScalarTest([matcher]))}(${v})`);
    }
  }
  return terms.length === 0 ? 'false' : terms.join(' || ');
}

/** Statements testing one leaf field; `fail` leaves the branch. */
function leafCode(field: FieldPattern, vars: LeafVars, fail: string, helpers: Helpers): string {
  const v = vars.value;
  const existsTrue = field.matchers.some((m) => m.kind === 'exists' && m.value);
  const absentOk = field.matchers.some((m) => m.kind === 'exists' && !m.value);
  const arrayLeaf = helper(helpers, compileLeaf(field.matchers));
  const scalar = existsTrue
    ? 'true'
    : scalarExpression(
        field.matchers.filter((m) => m.kind !== 'exists'),
        vars,
        helpers,
      );
  const absent = absentOk ? '' : fail;
  return [
    `if (${v} === undefined) { ${absent} }`,
    `else if (typeof ${v} === 'object' && ${v} !== null) {`,
    `  if (Array.isArray(${v})) { if (${arrayLeaf}(${v}) === ${LeafResult.Fail}) ${fail} }`,
    `  else { ${absent} }`,
    `} else if (!(${scalar})) ${fail}`,
  ].join('\n');
}

/** An object of the event on a pattern path, read once per generated function. */
interface ObjectRead {
  /** Holds the object, or undefined when the event has none there (or an array). */
  readonly object: string;
  /** True when the event holds an array there (the parent being a plain object). */
  readonly isArray: string;
}

/**
 * The event reads of one generated function, shared by all of its branches: each object and
 * each leaf value on the branches' paths is read once, at the top, whatever the number of
 * branches testing it.
 */
class SharedReads {
  readonly prelude: string[];
  private readonly objects: Map<string, ObjectRead>;
  private readonly leaves = new Map<string, LeafVars>();
  private next = 1;

  /** `prefix` tells apart the variables of reads declared in nested blocks of one function. */
  constructor(private readonly prefix = '') {
    this.prelude = [
      `const ${prefix}o0 = (typeof event === 'object' && event !== null && !Array.isArray(event)) ? event : undefined;`,
    ];
    this.objects = new Map([['[]', { object: `${prefix}o0`, isArray: 'false' }]]);
  }

  objectAt(path: readonly string[]): ObjectRead {
    return this.readOnce(this.objects, path, (read, n) => {
      const object = `${this.prefix}o${n}`;
      const isArray = `${this.prefix}a${n}`;
      this.prelude.push(
        `let ${object} = ${read}, ${isArray} = false;`,
        `if (${object} !== undefined && (typeof ${object} !== 'object' || ${object} === null)) ${object} = undefined;`,
        `else if (Array.isArray(${object})) { ${isArray} = true; ${object} = undefined; }`,
      );
      return { object, isArray };
    });
  }

  leafAt(path: readonly string[]): LeafVars {
    return this.readOnce(this.leaves, path, (read, n) => this.declareLeaf(read, n));
  }

  /**
   * What `reads` holds for `path`, declared the first time by `declare` from the expression that
   * reads the path's last key off its parent object, and a number for its variables.
   */
  private readOnce<Read>(
    reads: Map<string, Read>,
    path: readonly string[],
    declare: (read: string, n: number) => Read,
  ): Read {
    const id = JSON.stringify(path);
    const known = reads.get(id);
    if (known) return known;
    const parent = this.objectAt(path.slice(0, -1)).object;
    const declared = declare(
      `${parent} === undefined ? undefined : ${readKey(parent, path[path.length - 1] as string)}`,
      this.next++,
    );
    reads.set(id, declared);
    return declared;
  }

  private declareLeaf(read: string, n: number): LeafVars {
    const value = `${this.prefix}l${n}`;
    this.prelude.push(`const ${value} = ${read};`);
    let key: string | undefined;
    const numberKey = (): string => {
      if (key === undefined) {
        key = `${this.prefix}k${n}`;
        this.prelude.push(
          `const ${key} = typeof ${value} === 'number' && ${value} >= ${-NUMERIC_LIMIT} && ${value} <= ${NUMERIC_LIMIT} ? Math.trunc(1e6 * (${NUMERIC_LIMIT} + ${value})) : NaN;`,
        );
      }
      return key;
    };
    return { value, numberKey };
  }
}

/**
 * Statements testing a pattern node whose object lies at `path` (outside any array), running
 * `fail` as soon as a field does not match. The subtree under an array of objects goes to the
 * general evaluator, which applies array consistency; outside arrays its `inArray` is false, so
 * absence is decided here alone.
 */
function emitNode(
  node: PatternNode,
  path: readonly string[],
  fail: string,
  reads: SharedReads,
  lines: string[],
  helpers: Helpers,
): void {
  for (const [key, field] of node.leaves) lines.push(leafCode(field, reads.leafAt([...path, key]), fail, helpers));
  for (const [key, child] of node.children) {
    const childPath = [...path, key];
    const { isArray } = reads.objectAt(childPath);
    const subtree = helper(helpers, compileChildStep(key, child));
    lines.push(`if (${isArray}) { if (!${subtree}(${reads.objectAt(path).object}, event, false)) ${fail} } else {`);
    emitNode(child, childPath, fail, reads, lines, helpers);
    lines.push('}');
  }
}

type Factory = (h: Helpers, hasOwn: (this: unknown, key: PropertyKey) => boolean, rules: readonly unknown[]) => unknown;

function compile(body: readonly string[], helpers: Helpers, rules: readonly unknown[], parameters: string): unknown {
  // Compiled once per pattern, from the pattern's own structure: the generated code is the matcher's fast path.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function(
    'h',
    'hasOwn',
    'R',
    `return function generatedMatcher(${parameters}) {\n${body.join('\n')}\n};`,
  ) as Factory;
  // Only ever called as hasOwn.call(object, key) in the generated code.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  return factory(helpers, Object.prototype.hasOwnProperty, rules);
}

/** Compiles a branch tree into one test of a parsed event. */
export function generateBranchTest(root: PatternNode): (event: unknown) => boolean {
  const reads = new SharedReads();
  const helpers: Helpers = [];
  const lines: string[] = [];
  emitNode(root, [], 'return false;', reads, lines, helpers);
  return compile([...reads.prelude, ...lines, 'return true;'], helpers, [], 'event') as (event: unknown) => boolean;
}

/** A rule as a bucket matcher sees it: `stamp` holds the number of the last match() that matched it. */
export interface StampedRule {
  stamp: number;
}

/** One branch of a bucket: its rule, and what remains to test once the index lookup found it. */
export interface BucketEntry<R extends StampedRule> {
  readonly rule: R;
  readonly residual: PatternBranch;
}

/**
 * Tests every branch of a bucket against the event, in order, and appends to `matched` each rule
 * not matched yet in this round (rule.stamp !== stamp), stamping it.
 */
export type BucketMatcher<R extends StampedRule> = (event: unknown, stamp: number, matched: R[]) => void;

/** The exact detail types a residual tests first, as a key grouping branches (undefined when none). */
function leadingDetailTypes(residual: PatternBranch): string[] | undefined {
  const first = residual[0];
  if (!first || first.path.length !== 1 || first.path[0] !== 'detail-type') return undefined;
  const values: string[] = [];
  for (const matcher of first.matchers) {
    if (matcher.kind !== 'exact' || typeof matcher.value !== 'string' || looksLikeIp(matcher.value)) return undefined;
    values.push(matcher.value);
  }
  return [...new Set(values)].sort();
}

function generateChunk<R extends StampedRule>(entries: readonly BucketEntry<R>[]): BucketMatcher<R> {
  // Branches demanding the same exact detail types are grouped under one guard, with their
  // event reads inside it: a source's bucket holds the rules of all its detail types, and an
  // event skips, without reading their fields, the groups of the other types. The guard lets
  // a non-string detail type through to the branch's own test (arrays are matched there).
  // Regrouping reorders the branches, which is harmless: the index sorts what matched by rule.
  const groups = new Map<string, { types: string[] | undefined; members: BucketEntry<R>[] }>();
  for (const entry of entries) {
    const types = leadingDetailTypes(entry.residual);
    const key = JSON.stringify(types ?? null);
    const group = groups.get(key) ?? { types, members: [] };
    group.members.push(entry);
    groups.set(key, group);
  }
  const top = new SharedReads();
  const helpers: Helpers = [];
  const lines: string[] = ['let r;'];
  const rules: R[] = [];
  let g = 0;
  for (const { types, members } of groups.values()) {
    const reads = types ? new SharedReads(`g${g++}`) : top;
    const body: string[] = [];
    for (const entry of members) {
      const i = rules.length;
      rules.push(entry.rule);
      body.push(`r = R[${i}];`, `b${i}: if (r.stamp !== stamp) {`);
      emitNode(buildTree(entry.residual), [], `break b${i};`, reads, body, helpers);
      body.push('r.stamp = stamp;', 'matched.push(r);', '}');
    }
    if (types) {
      const dt = top.leafAt(['detail-type']).value;
      lines.push(
        `if (typeof ${dt} !== 'string' || ${types.map((t) => `${dt} === ${JSON.stringify(t)}`).join(' || ')}) {`,
        ...reads.prelude,
        ...body,
        '}',
      );
    } else lines.push(...body);
  }
  return compile([...top.prelude, ...lines], helpers, rules, 'event, stamp, matched') as BucketMatcher<R>;
}

/** Compiles the branches of a bucket into one matcher (a few, called in turn, for a huge bucket). */
export function generateBucketMatcher<R extends StampedRule>(entries: readonly BucketEntry<R>[]): BucketMatcher<R> {
  if (entries.length <= MAX_BRANCHES_PER_FUNCTION) return generateChunk(entries);
  const chunks: BucketMatcher<R>[] = [];
  for (let i = 0; i < entries.length; i += MAX_BRANCHES_PER_FUNCTION)
    chunks.push(generateChunk(entries.slice(i, i + MAX_BRANCHES_PER_FUNCTION)));
  return (event, stamp, matched) => {
    for (let i = 0; i < chunks.length; i++) (chunks[i] as BucketMatcher<R>)(event, stamp, matched);
  };
}
