import type { AppModel, FunctionModel } from '../assembly';

/** A function whose code is in another directory after a synthesis. */
export interface FunctionCodeChange {
  readonly functionName: string;
  readonly directory: string;
}

/**
 * When two models of the app differ in their functions' code only (the new synthesis rebundled
 * a handler, nothing else moved), the functions whose code changed (possibly none); `undefined`
 * when anything else differs (a rule, a queue, a function's memory, a new function), which a
 * running cloud cannot take without starting again.
 */
export function codeOnlyDifference(before: AppModel, after: AppModel): FunctionCodeChange[] | undefined {
  if (JSON.stringify(withoutCode(before)) !== JSON.stringify(withoutCode(after))) return undefined;
  const changes: FunctionCodeChange[] = [];
  for (const fn of after.functions) {
    const previous = before.functions.find((candidate) => candidate.name === fn.name);
    if (
      fn.code.kind === 'directory' &&
      previous?.code.kind === 'directory' &&
      previous.code.directory !== fn.code.directory
    ) {
      changes.push({ functionName: fn.name, directory: fn.code.directory });
    }
  }
  return changes;
}

function withoutCode(model: AppModel): unknown {
  const functions = model.functions.map(({ code, assetDirectory, ...rest }: FunctionModel) => ({
    ...rest,
    code: code.kind,
    assetDirectory: assetDirectory === undefined,
  }));
  // Warnings name asset paths ("asset.<hash> is missing"): compared by code, not by text.
  const warnings = model.warnings.map(
    (warning) => `${warning.code} ${warning.stackName ?? ''} ${warning.logicalId ?? ''}`,
  );
  return { ...model, functions, warnings };
}
