import { isJsonObject, type JsonObject } from '../json';
import { evaluateJsonata, evaluateJsonataTemplate } from '../query/jsonata-query';
import { applyOutputPath, effectiveInputOf, jsonPathAssignOf, jsonataAssignOf } from '../state-io';
import { queryOf, type StateOutcome, type StateRun } from '../state-run';
import { queryEvaluationError, StatesError } from '../states-error';
import { evaluateChoiceRule } from './choice-rule';

/**
 * Choice: the first rule that holds names the next state (JSONPath rules, or a JSONata
 * `Condition`); none holds → `Default`, else the execution fails with States.NoChoiceMatched.
 * A rule may carry its own `Assign` (and, in JSONata, `Output`); the state's own apply otherwise.
 */
export async function runChoice(run: StateRun): Promise<StateOutcome> {
  const rules = Array.isArray(run.state.Choices) ? run.state.Choices.filter(isJsonObject) : [];
  if (run.language === 'JSONata') return runJsonataChoice(run, rules);
  const effectiveInput = effectiveInputOf(run);
  const query = queryOf(run, effectiveInput);
  const matched = rules.find((rule) => evaluateChoiceRule(rule, query));
  const next = matched ? matched.Next : run.state.Default;
  if (typeof next !== 'string') throw noChoiceMatched();
  const assigned = jsonPathAssignOf(run, effectiveInput, {}, matched?.Assign ?? run.state.Assign);
  return { output: applyOutputPath(run, effectiveInput), next, ...(assigned ? { assigned } : {}) };
}

async function runJsonataChoice(run: StateRun, rules: readonly JsonObject[]): Promise<StateOutcome> {
  const query = queryOf(run, run.input);
  let matched: JsonObject | undefined;
  for (const [index, rule] of rules.entries()) {
    const condition = await evaluateJsonata(String(rule.Condition), `Choices/${index}/Condition`, query);
    if (typeof condition !== 'boolean') {
      throw queryEvaluationError(
        run.location,
        `The JSONata expression '${String(rule.Condition)}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeOf(condition)}' for value: ${JSON.stringify(condition)}`,
      );
    }
    if (condition) {
      matched = rule;
      break;
    }
  }
  const next = matched ? matched.Next : run.state.Default;
  if (typeof next !== 'string') throw noChoiceMatched();
  const outputTemplate = matched?.Output ?? run.state.Output;
  const output =
    outputTemplate !== undefined ? await evaluateJsonataTemplate(outputTemplate, 'Output', query) : run.input;
  const assigned = await jsonataAssignOf(run, {}, matched?.Assign ?? run.state.Assign);
  return { output, next, ...(assigned ? { assigned } : {}) };
}

function noChoiceMatched(): StatesError {
  return new StatesError('States.NoChoiceMatched', 'No Matches!');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
