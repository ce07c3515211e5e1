import { setMaxListeners } from 'node:events';
import { contextObject } from '../context-object';
import { isJsonObject, type JsonObject, type JsonValue } from '../json';
import { evaluatePayloadTemplate, selectField } from '../query/jsonpath-query';
import { evaluateJsonataTemplate } from '../query/jsonata-query';
import { withRetry } from '../retry';
import { effectiveInputOf, finishWithResult } from '../state-io';
import { contextOf, nextOf, queryOf, type StateOutcome, type StateRun } from '../state-run';
import { queryEvaluationError, runtimeError, StatesError, toStatesError } from '../states-error';
import { WorkflowAborted } from '../workflow-aborted';
import { runWorkflow } from '../workflow-runner';

/** How many inline iterations AWS runs at once when MaxConcurrency is 0 (developer guide, "Inline mode"). */
const INLINE_CONCURRENCY = 40;

/**
 * Map: runs its item processor once per item (or per batch with ItemBatcher), each in its own
 * variable scope, at most MaxConcurrency at once, and outputs the results in item order.
 * ItemSelector (or the older Parameters) shapes each item with `$$.Map.Item.Index` / `.Value`.
 * Distributed mode runs locally like inline mode, with its tolerated failure threshold
 * (`ToleratedFailurePercentage` / `ToleratedFailureCount`, or their paths).
 */
export async function runMap(run: StateRun): Promise<StateOutcome> {
  const processor = (isJsonObject(run.state.ItemProcessor) ? run.state.ItemProcessor : run.state.Iterator) as
    JsonObject | undefined;
  if (!processor) throw runtimeError(run.location, 'The Map state has no ItemProcessor');
  if (run.state.ItemReader !== undefined) {
    throw runtimeError(run.location, 'ItemReader (reading items from Amazon S3) is not run by the local cloud');
  }
  const result = await withRetry(run, () => iterate(run, processor));
  const finished = await finishWithResult(run, result);
  return { ...finished, next: nextOf(run.state) };
}

async function iterate(run: StateRun, processor: JsonObject): Promise<JsonValue> {
  const { history } = run.scope.execution;
  const { items, selectorData } = await itemsOf(run);
  const selected: JsonValue[] = [];
  for (const [index, value] of items.entries()) selected.push(await selectItem(run, selectorData, index, value));
  const inputs = await batch(run, selected, selectorData);
  const tolerance = await toleranceOf(run);
  const maxConcurrency = await numberField(run, 'MaxConcurrency', selectorData);
  history.add('MapStateStarted', { length: inputs.length });

  const results: JsonValue[] = new Array<JsonValue>(inputs.length).fill(null);
  const stop = new AbortController();
  // Every running Task and Wait of the workflow listens to it.
  setMaxListeners(0, stop.signal);
  const onOuterAbort = () => stop.abort();
  run.scope.signal.addEventListener('abort', onOuterAbort, { once: true });
  let failures = 0;
  let firstFailure: StatesError | undefined;
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < inputs.length && !stop.signal.aborted) {
      const index = nextIndex;
      nextIndex += 1;
      history.add('MapIterationStarted', { name: run.name, index });
      try {
        results[index] = await runWorkflow(processor, inputs[index] ?? null, {
          ...run.scope,
          variables: run.scope.variables.child(),
          signal: stop.signal,
          queryLanguage: run.scope.queryLanguage,
        });
        history.add('MapIterationSucceeded', { name: run.name, index });
      } catch (thrown) {
        if (thrown instanceof WorkflowAborted) {
          history.add('MapIterationAborted', { name: run.name, index });
          continue;
        }
        const error = toStatesError(thrown);
        history.add('MapIterationFailed', { name: run.name, index });
        failures += 1;
        results[index] = { Error: error.error, Cause: error.cause };
        if (!tolerance.tolerates(failures, inputs.length)) {
          firstFailure ??= tolerance.distributed ? exceeded() : error;
          stop.abort();
        }
      }
    }
  };
  const concurrency = maxConcurrency && maxConcurrency > 0 ? maxConcurrency : INLINE_CONCURRENCY;
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
  } finally {
    run.scope.signal.removeEventListener('abort', onOuterAbort);
  }
  if (run.scope.signal.aborted) throw new WorkflowAborted();
  if (firstFailure) {
    history.add('MapStateFailed');
    throw firstFailure;
  }
  history.add('MapStateSucceeded');
  return results;
}

interface Items {
  readonly items: JsonValue[];
  /** What `$` is for ItemSelector (JSONPath: the effective input). */
  readonly selectorData: JsonValue;
}

async function itemsOf(run: StateRun): Promise<Items> {
  if (run.language === 'JSONata') {
    const items =
      run.state.Items !== undefined
        ? await evaluateJsonataTemplate(run.state.Items, 'Items', queryOf(run, run.input))
        : run.input;
    if (!Array.isArray(items)) {
      throw queryEvaluationError(
        run.location,
        `The JSONata expression '${String(run.state.Items ?? '$states.input')}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeOf(items)}' for value: ${JSON.stringify(items)}`,
      );
    }
    return { items, selectorData: run.input };
  }
  const effectiveInput = effectiveInputOf(run);
  const itemsPath = typeof run.state.ItemsPath === 'string' ? run.state.ItemsPath : '$';
  const items = selectField(itemsPath, queryOf(run, effectiveInput));
  if (!Array.isArray(items)) {
    throw runtimeError(
      run.location,
      `Invalid path '${itemsPath}': The ItemsPath must reference a JSON array, but was '${JSON.stringify(items)}'`,
    );
  }
  return { items, selectorData: effectiveInput };
}

async function selectItem(run: StateRun, data: JsonValue, index: number, value: JsonValue): Promise<JsonValue> {
  const template = run.state.ItemSelector ?? run.state.Parameters;
  if (template === undefined) return value;
  const base = contextOf(run);
  const context = contextObject(
    run.scope.execution.identity,
    { name: run.name, enteredTime: run.enteredTime, retryCount: 0 },
    { mapItem: { index, value } },
  );
  const query = queryOf(run, data, { context: { ...base, ...context } });
  return run.language === 'JSONata'
    ? evaluateJsonataTemplate(template, 'ItemSelector', query)
    : evaluatePayloadTemplate(template, query);
}

/** ItemBatcher: batches of `{ Items, BatchInput? }` by MaxItemsPerBatch and MaxInputBytesPerBatch. */
async function batch(run: StateRun, items: JsonValue[], data: JsonValue): Promise<JsonValue[]> {
  const batcher = run.state.ItemBatcher;
  if (!isJsonObject(batcher)) return items;
  const maxItems = (await numberField(run, 'MaxItemsPerBatch', data, batcher)) ?? Number.POSITIVE_INFINITY;
  const maxBytes = (await numberField(run, 'MaxInputBytesPerBatch', data, batcher)) ?? 256 * 1024;
  const batchInput =
    batcher.BatchInput === undefined
      ? undefined
      : run.language === 'JSONata'
        ? await evaluateJsonataTemplate(batcher.BatchInput, 'ItemBatcher/BatchInput', queryOf(run, run.input))
        : evaluatePayloadTemplate(batcher.BatchInput, queryOf(run, data));
  const batches: JsonValue[] = [];
  let current: JsonValue[] = [];
  const sizeOf = (list: JsonValue[]) =>
    Buffer.byteLength(JSON.stringify({ Items: list, ...(batchInput !== undefined ? { BatchInput: batchInput } : {}) }));
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxItems || sizeOf([...current, item]) > maxBytes)) {
      batches.push(batchOf(current, batchInput));
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) batches.push(batchOf(current, batchInput));
  return batches;
}

function batchOf(items: JsonValue[], batchInput: JsonValue | undefined): JsonValue {
  return { ...(batchInput !== undefined ? { BatchInput: batchInput } : {}), Items: items };
}

interface Tolerance {
  readonly distributed: boolean;
  tolerates(failures: number, total: number): boolean;
}

/**
 * The tolerated failure threshold. AWS checks the values: a percentage is a number from 0 to
 * 100, a count a non-negative integer; a path that selects anything else fails the state.
 */
async function toleranceOf(run: StateRun): Promise<Tolerance> {
  const percentage = await numberField(run, 'ToleratedFailurePercentage', run.input);
  const count = await numberField(run, 'ToleratedFailureCount', run.input);
  if (percentage !== undefined && (percentage < 0 || percentage > 100)) {
    throw runtimeError(
      run.location,
      `The ToleratedFailurePercentage must be a number between 0 and 100, but was ${JSON.stringify(percentage)}`,
    );
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
    throw runtimeError(
      run.location,
      `The ToleratedFailureCount must be a non-negative integer, but was ${JSON.stringify(count)}`,
    );
  }
  if (percentage === undefined && count === undefined) {
    return { distributed: false, tolerates: () => false };
  }
  return {
    distributed: true,
    tolerates: (failures, total) =>
      (count === undefined || failures <= count) &&
      (percentage === undefined || (total > 0 && (failures / total) * 100 <= percentage)),
  };
}

/** A numeric field of the state (or of `holder`): literal, `...Path`, or a JSONata expression. */
async function numberField(
  run: StateRun,
  field: string,
  data: JsonValue,
  holder: JsonObject = run.state,
): Promise<number | undefined> {
  const value = holder[field];
  let resolved: JsonValue | undefined = value;
  if (run.language === 'JSONata' && typeof value === 'string') {
    resolved = await evaluateJsonataTemplate(value, field, queryOf(run, run.input));
  } else if (typeof holder[`${field}Path`] === 'string') {
    resolved = selectField(holder[`${field}Path`] as string, queryOf(run, data));
  }
  if (resolved === undefined) return undefined;
  if (typeof resolved !== 'number') {
    throw runtimeError(
      run.location,
      `The value of the field '${field}' must be a number, but was ${JSON.stringify(resolved)}`,
    );
  }
  return resolved;
}

function exceeded(): StatesError {
  return new StatesError(
    'States.ExceedToleratedFailureThreshold',
    'The specified tolerated failure threshold was exceeded',
  );
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
