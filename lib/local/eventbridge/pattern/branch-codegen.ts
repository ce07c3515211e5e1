import { looksLikeIp } from './ip-address';
import { compileLeaf, compileScalarTest, LeafResult } from './leaf-matcher';
import type { FieldPattern, ValueMatcher } from './pattern-ast';

/**
 * Generates the fast path of a branch as JavaScript source, compiled once per branch with
 * `new Function`. Why: closures shared by every branch make each call site megamorphic, so V8
 * cannot inline them; a function generated per branch has its own call sites and its reads and
 * comparisons inline. The fast path reads the event along the pattern's paths and gives up
 * (returning the slow result) as soon as it meets an array of objects on the way, where array
 * consistency needs the general evaluator. Every literal is embedded with JSON.stringify, so no
 * pattern text can escape its string literal.
 */

/** A node of the pattern tree: leaf fields and nested objects, keyed by event field name. */
export interface CodegenNode {
  readonly leaves: ReadonlyMap<string, FieldPattern>;
  readonly children: ReadonlyMap<string, CodegenNode>;
}

type Helper = (value: unknown) => unknown;

const MAX_INLINE_STRINGS = 6;

function read(objectVar: string, key: string): string {
  const literal = JSON.stringify(key);
  // Keys Object.prototype has must be own properties of the event to count.
  if (key in Object.prototype || key === '__proto__') return `(hasOwn.call(${objectVar}, ${literal}) ? ${objectVar}[${literal}] : undefined)`;
  return `${objectVar}[${literal}]`;
}

/** The expression testing scalar `v` against a field's value alternatives (no `exists`). */
function scalarExpression(matchers: readonly ValueMatcher[], helpers: Helper[]): string {
  const strings: string[] = [];
  const others: ValueMatcher[] = [];
  for (const matcher of matchers) {
    if (matcher.kind === 'exact' && typeof matcher.value === 'string' && !looksLikeIp(matcher.value)) strings.push(matcher.value);
    else others.push(matcher);
  }
  const terms: string[] = [];
  if (strings.length > 0 && strings.length <= MAX_INLINE_STRINGS) {
    terms.push(...strings.map((s) => `v === ${JSON.stringify(s)}`));
  } else if (strings.length > 0) {
    const set = new Set(strings);
    helpers.push((value) => set.has(value as string));
    terms.push(`h[${helpers.length - 1}](v)`);
  }
  for (const matcher of others) {
    if (matcher.kind === 'exact' && (typeof matcher.value === 'boolean' || matcher.value === null)) {
      terms.push(`v === ${JSON.stringify(matcher.value)}`);
    } else if (matcher.kind === 'prefix' && !matcher.ignoreCase) {
      terms.push(`(typeof v === 'string' && v.startsWith(${JSON.stringify(matcher.value)}))`);
    } else if (matcher.kind === 'suffix' && !matcher.ignoreCase) {
      terms.push(`(typeof v === 'string' && v.endsWith(${JSON.stringify(matcher.value)}))`);
    } else {
      helpers.push(compileScalarTest([matcher]));
      terms.push(`h[${helpers.length - 1}](v)`);
    }
  }
  return terms.length === 0 ? 'false' : terms.join(' || ');
}

function leafCode(objectVar: string, key: string, field: FieldPattern, helpers: Helper[]): string {
  const existsTrue = field.matchers.some((m) => m.kind === 'exists' && m.value);
  const absentOk = field.matchers.some((m) => m.kind === 'exists' && !m.value);
  helpers.push(compileLeaf(field.matchers));
  const arrayLeaf = `h[${helpers.length - 1}]`;
  const scalar = existsTrue ? 'true' : scalarExpression(field.matchers.filter((m) => m.kind !== 'exists'), helpers);
  const absent = absentOk ? '' : 'return false;';
  return [
    `v = ${objectVar} === undefined ? undefined : ${read(objectVar, key)};`,
    `if (v === undefined) { ${absent} }`,
    `else if (typeof v === 'object' && v !== null) {`,
    `  if (Array.isArray(v)) { if (${arrayLeaf}(v) === ${LeafResult.Fail}) return false; }`,
    `  else { ${absent} }`,
    `} else if (!(${scalar})) return false;`,
  ].join('\n');
}

/**
 * Compiles the fast path of a branch tree; `slow` answers the events it gives up on.
 */
export function generateBranchTest(root: CodegenNode, slow: (event: unknown) => boolean): (event: unknown) => boolean {
  const helpers: Helper[] = [];
  const lines: string[] = ['let v;', `let o0 = (typeof event === 'object' && event !== null && !Array.isArray(event)) ? event : undefined;`];
  let nextVar = 1;
  const emit = (node: CodegenNode, objectVar: string): void => {
    for (const [key, field] of node.leaves) lines.push(leafCode(objectVar, key, field, helpers));
    for (const [key, child] of node.children) {
      const childVar = `o${nextVar++}`;
      lines.push(
        `let ${childVar} = ${objectVar} === undefined ? undefined : ${read(objectVar, key)};`,
        `if (${childVar} !== undefined) {`,
        `  if (typeof ${childVar} !== 'object' || ${childVar} === null) ${childVar} = undefined;`,
        `  else if (Array.isArray(${childVar})) return slow(event);`,
        `}`,
      );
      emit(child, childVar);
    }
  };
  emit(root, 'o0');
  lines.push('return true;');
  const factory = new Function('h', 'slow', 'hasOwn', `return function branchTest(event) {\n${lines.join('\n')}\n};`) as (
    h: Helper[],
    slow: (event: unknown) => boolean,
    hasOwn: (this: unknown, key: PropertyKey) => boolean,
  ) => (event: unknown) => boolean;
  return factory(helpers, slow, Object.prototype.hasOwnProperty);
}
