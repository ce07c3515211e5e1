import { JSONPath } from 'jsonpath-plus';
import type { JsonValue } from '../json';

/**
 * JSONPath as Amazon States Language uses it. A *definite* path (`$.a.b[0]`) selects one value
 * and fails when nothing is there; an *indefinite* one (`$..a`, `$.a[*]`, filters, slices,
 * unions) selects a list, which AWS gives as `[]` when nothing matches.
 */
export type PathSelection = { readonly found: true; readonly value: JsonValue } | { readonly found: false };

const INDEFINITE = /\.\.|\*|\[\?|\[[^\]]*[:,][^\]]*\]/;

/** Whether the path may select several values (it then always yields a list). */
export function isIndefinitePath(path: string): boolean {
  return INDEFINITE.test(path);
}

/**
 * Selects `path` (rooted at `$`) in `data`.
 * @throws Error when the path is not valid JSONPath
 */
export function selectJsonPath(path: string, data: JsonValue): PathSelection {
  if (path === '$') return { found: true, value: data };
  const matches: unknown = JSONPath({ path, json: data as object, wrap: true, eval: 'safe' });
  const values = Array.isArray(matches) ? (matches as JsonValue[]) : [];
  if (isIndefinitePath(path)) return { found: true, value: values };
  if (values.length === 0) return { found: false };
  return { found: true, value: values[0] as JsonValue };
}

/** The path in bracket notation (`$['a']['b'][0]`), as AWS quotes it in "No results for path". */
export function bracketNotation(path: string): string {
  try {
    return JSONPath.toPathString(JSONPath.toPathArray(path));
  } catch {
    return path;
  }
}

/**
 * Writes `value` at a definite path into a copy of `target` (ResultPath), creating objects on
 * the way. `$` replaces the whole target.
 * @returns undefined when the path cannot be written (an array index or a non-object on the way)
 */
export function writeJsonPath(path: string, target: JsonValue, value: JsonValue): JsonValue | undefined {
  if (path === '$') return value;
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return undefined;
  const segments = JSONPath.toPathArray(path).slice(1);
  const root = JSON.parse(JSON.stringify(target)) as Record<string, JsonValue>;
  let node = root;
  for (const [index, segment] of segments.entries()) {
    if (index === segments.length - 1) {
      node[segment] = value;
      break;
    }
    const next = node[segment];
    if (next === undefined || next === null) node[segment] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) return undefined;
    node = node[segment] as Record<string, JsonValue>;
  }
  return root;
}
