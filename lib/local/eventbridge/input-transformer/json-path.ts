import { InvalidInputTransformerError } from './invalid-input-transformer-error';

/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$` followed by
 * dot-notation steps (`.detail`, `.detail-type`), each optionally indexed (`.items[0]`).
 * Bracket notation for names is refused, as AWS documents ("use JSON dot notation").
 */
export type JsonPathStep = string | number;

const STEP = /^\.([^.[\]]+)((?:\[\d+\])*)/;

/** Parses a path into its steps; throws InvalidInputTransformerError for anything else. */
export function parseJsonPath(path: string): JsonPathStep[] {
  if (!path.startsWith('$')) throw new InvalidInputTransformerError(`json path '${path}' must start with '$'`);
  const steps: JsonPathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const step = STEP.exec(rest);
    if (!step) throw new InvalidInputTransformerError(`json path '${path}' is not valid dot notation`);
    steps.push(step[1] as string);
    for (const index of (step[2] ?? '').matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
    rest = rest.slice(step[0].length);
  }
  return steps;
}

/** The value at a parsed path, or undefined when the event has nothing there. */
export function readJsonPath(value: unknown, steps: readonly JsonPathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
