import type { AppModel, FunctionModel } from '../assembly';

/**
 * When two models of the app differ in their functions only — their code, handler, environment,
 * memory, timeout or runtime, what `UpdateFunctionCode` and `UpdateFunctionConfiguration` change
 * on a deployed function — the functions that changed, as the new model has them (possibly
 * none). `undefined` when anything else differs (a rule, a queue, a role's policy, a function
 * added, removed, or given another reserved concurrency): a running cloud takes that by starting
 * again.
 */
export function functionOnlyDifference(before: AppModel, after: AppModel): FunctionModel[] | undefined {
  if (JSON.stringify(withoutFunctionSettings(before)) !== JSON.stringify(withoutFunctionSettings(after))) {
    return undefined;
  }
  return after.functions.filter((fn) => {
    const previous = before.functions.find((candidate) => candidate.name === fn.name);
    return JSON.stringify(previous) !== JSON.stringify(fn);
  });
}

/** The model with only what a function update cannot change left of each function. */
function withoutFunctionSettings(model: AppModel): unknown {
  const functions = model.functions.map((fn) => ({
    name: fn.name,
    stackName: fn.stackName,
    logicalId: fn.logicalId,
    arn: fn.arn,
    roleArn: fn.roleArn,
    reservedConcurrency: fn.reservedConcurrency,
    logGroupName: fn.logGroupName,
    deadLetterArn: fn.deadLetterArn,
    layers: fn.layers,
  }));
  // Warnings name asset paths ("asset.<hash> is missing"): compared by what they are about.
  const warnings = model.warnings.map(
    (warning) => `${warning.code} ${warning.stackName ?? ''} ${warning.logicalId ?? ''}`,
  );
  // Where the assembly was read from is not part of the app.
  const stacks = model.stacks.map(({ templateFile: _templateFile, ...stack }) => stack);
  return { ...model, assemblyDirectory: undefined, stacks, functions, warnings };
}
