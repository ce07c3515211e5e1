import conditionParser from 'dynalite/db/conditionParser';
import projectionParser from 'dynalite/db/projectionParser';
import updateParser from 'dynalite/db/updateParser';

/**
 * A patch to dynalite: its expression parsers (generated PEG parsers) were most of its cost per
 * request — measured in process, parsing `attribute_not_exists(pk)` took longer than the PutItem
 * it guards — while an app sends the same few expressions again and again. This remembers each
 * successful parse by everything the parser reads (the expression, ExpressionAttributeNames and
 * ExpressionAttributeValues), hands out a copy of the result, and replays what the parse did to
 * the request (the attribute names and values it marked as used). Parses that fail, and requests
 * whose names and values are large, are not remembered: they go to the parser as before, so every
 * error message is dynalite's own.
 */

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
}

interface PegParser {
  parse(input: string, options: { context: ParseContext }): unknown;
}

interface RememberedParse {
  readonly result: unknown;
  readonly usedNames: readonly string[];
  readonly usedValues: readonly string[];
}

/** Past this many remembered parses the cache starts again (an app with ever-new values). */
const MAX_ENTRIES = 5_000;
/** Names and values longer than this (as JSON) are parsed every time. */
const MAX_KEY_LENGTH = 2_048;

const installed = new WeakSet<PegParser>();

/** Installs the cache on dynalite's three expression parsers (once per process). */
export function installExpressionParseCache(): void {
  for (const parser of [conditionParser, updateParser, projectionParser] as PegParser[]) {
    if (installed.has(parser)) continue;
    installed.add(parser);
    parser.parse = remembering(parser.parse.bind(parser));
  }
}

function remembering(parse: PegParser['parse']): PegParser['parse'] {
  const remembered = new Map<string, RememberedParse>();
  return (input, options) => {
    const context = options.context;
    const names = JSON.stringify(context.attrNames ?? null);
    const values = JSON.stringify(context.attrVals ?? null);
    if (names.length + values.length > MAX_KEY_LENGTH) return parse(input, options);
    const key = `${context.isKeyCondition ? 'k' : '-'}${names.length}:${names}${values.length}:${values}${input}`;
    const hit = remembered.get(key);
    if (hit) {
      for (const name of hit.usedNames) delete context.unusedAttrNames?.[name];
      for (const value of hit.usedValues) delete context.unusedAttrVals?.[value];
      return copyOf(hit.result);
    }
    const unusedNamesBefore = Object.keys(context.unusedAttrNames ?? {});
    const unusedValuesBefore = Object.keys(context.unusedAttrVals ?? {});
    const result = parse(input, options);
    // A string is the parser's error message: not remembered, so it is always dynalite's own.
    if (result === null || typeof result !== 'object') return result;
    if (remembered.size >= MAX_ENTRIES) remembered.clear();
    remembered.set(key, {
      result: copyOf(result),
      usedNames: unusedNamesBefore.filter((name) => !Object.hasOwn(context.unusedAttrNames ?? {}, name)),
      usedValues: unusedValuesBefore.filter((value) => !Object.hasOwn(context.unusedAttrVals ?? {}, value)),
    });
    return result;
  };
}

/** A deep copy of a parse result: arrays and objects copied with their prototypes (dynalite uses `Object.create(null)` maps). */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (value === null || typeof value !== 'object') return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(prototype) as Record<string, unknown>;
  for (const key of Object.keys(value)) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy;
}
