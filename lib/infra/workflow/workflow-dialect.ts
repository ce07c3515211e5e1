import { Aws } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { EventContract } from '../../contracts';

/**
 * Where a value of the state data is: a dotted path from the state's input (`reservation.event`),
 * written `$.reservation.event` in JSONPath and `$states.input.reservation.event` in JSONata.
 */
export type StatePath = string;

/** A Task argument taken from the state data. */
export type ArgumentValue =
  | { readonly at: StatePath }
  /** The strings at `parts`, joined with `separator`. */
  | { readonly join: readonly StatePath[]; readonly separator: string };

/** A Lambda Task of the saga: `{ action, event, ...extra }` in, `{ outcome, event? }` kept under `resultKey`. */
export interface InvokeTaskProps {
  readonly lambdaFunction: lambda.IFunction;
  readonly comment: string;
  readonly action: string;
  /** Where the event the task acts on is. */
  readonly event: StatePath;
  /** The state data's key the answer is kept under. */
  readonly resultKey: string;
  /** Whether the answer carries the event the task decided (kept beside its outcome). */
  readonly decides: boolean;
  readonly taskTimeout: sfn.Timeout;
  /** @default - none */
  readonly extraArguments?: Readonly<Record<string, ArgumentValue>>;
}

/** A PutEvents Task putting the event at `event.detail` on the bus under its contract. */
export interface EmitEventProps {
  readonly eventBusName: string;
  readonly contract: EventContract;
  /** Where the event whose `detail` is put is. */
  readonly event: StatePath;
}

/**
 * How the saga's states are written in one query language. The saga's shape — which states,
 * their order, retries and catches — is written once (buildSagaWorkflowDefinition) over this
 * interface; each dialect says how a Task passes its arguments and keeps its result, how a Pass
 * sets a key, how a Choice compares and how a Catch keeps the error, in JSONPath (ResultPath,
 * Parameters, `.$` keys) or JSONata (Arguments, Output, `{% %}` expressions).
 */
export interface WorkflowDialect {
  invoke(scope: Construct, id: string, props: InvokeTaskProps): sfn.TaskStateBase;
  emit(scope: Construct, id: string, props: EmitEventProps): sfn.CustomState;
  /** Keeps `detail-type` and `detail` of the EventBridge event that started the execution under `key`. */
  readEventBridgeEvent(scope: Construct, id: string, comment: string, key: string): sfn.Pass;
  /** Sets `key` to the value at `from`. */
  copy(scope: Construct, id: string, comment: string, from: StatePath, key: string): sfn.Pass;
  /** Sets `key` to a constant. */
  set(scope: Construct, id: string, comment: string, key: string, value: Readonly<Record<string, string>>): sfn.Pass;
  choice(scope: Construct, id: string, comment: string): sfn.Choice;
  /** The string at `path` equals `value`. */
  stringEquals(path: StatePath, value: string): sfn.Condition;
  /** A Fail state whose cause is the caught error's (kept under `failure`). */
  failWithCaughtCause(scope: Construct, id: string, comment: string, error: string): sfn.Fail;
  succeed(scope: Construct, id: string, comment: string): sfn.Succeed;
  /** Catches `errors` of `state` into `next`, keeping the error under `failure`. */
  catch(state: sfn.TaskStateBase | sfn.CustomState, next: sfn.IChainable, errors: readonly string[]): void;
}

/** The key every Catch keeps the caught error under (`{ Error, Cause }`). */
export const FAILURE_KEY = 'failure';

const putEventsResource = `arn:${Aws.PARTITION}:states:::events:putEvents`;
const emitComment = (contract: EventContract) =>
  `puts ${contract.detailType} on the bus for consumers outside the saga`;

/** JSONPath, the default query language. */
export const JSONPATH_DIALECT: WorkflowDialect = {
  invoke: (scope, id, props) =>
    new tasks.LambdaInvoke(scope, id, {
      comment: props.comment,
      lambdaFunction: props.lambdaFunction,
      payload: sfn.TaskInput.fromObject({
        action: props.action,
        event: sfn.JsonPath.objectAt(`$.${props.event}`),
        ...mapValues(props.extraArguments ?? {}, jsonPathArgument),
      }),
      // The saga's own Retry covers Lambda's service exceptions, with jitter and a bounded delay.
      retryOnServiceExceptions: false,
      taskTimeout: props.taskTimeout,
      resultSelector: {
        outcome: sfn.JsonPath.stringAt('$.Payload.outcome'),
        ...(props.decides ? { event: sfn.JsonPath.objectAt('$.Payload.event') } : {}),
      },
      resultPath: `$.${props.resultKey}`,
    }),
  emit: (scope, id, props) =>
    new sfn.CustomState(scope, id, {
      stateJson: {
        Type: 'Task',
        Comment: emitComment(props.contract),
        // Written out rather than tasks.EventBridgePutEvents, whose grant cannot be held to a source.
        Resource: putEventsResource,
        Parameters: {
          Entries: [
            {
              EventBusName: props.eventBusName,
              Source: props.contract.source,
              DetailType: props.contract.detailType,
              'Detail.$': `$.${props.event}.detail`,
            },
          ],
        },
        TimeoutSeconds: 30,
        ResultPath: null,
      },
    }),
  readEventBridgeEvent: (scope, id, comment, key) =>
    sfn.Pass.jsonPath(scope, id, {
      comment,
      parameters: {
        [key]: {
          detailType: sfn.JsonPath.stringAt("$['detail-type']"),
          detail: sfn.JsonPath.objectAt('$.detail'),
        },
      },
    }),
  copy: (scope, id, comment, from, key) =>
    sfn.Pass.jsonPath(scope, id, { comment, inputPath: `$.${from}`, resultPath: `$.${key}` }),
  set: (scope, id, comment, key, value) =>
    sfn.Pass.jsonPath(scope, id, { comment, result: sfn.Result.fromObject(value), resultPath: `$.${key}` }),
  choice: (scope, id, comment) => new sfn.Choice(scope, id, { comment }),
  stringEquals: (path, value) => sfn.Condition.stringEquals(`$.${path}`, value),
  failWithCaughtCause: (scope, id, comment, error) =>
    // The caught error's own cause (a Lambda task's `{ errorType, errorMessage }`), so the
    // execution's failure names the reason, as a choreographed consumer's dead letter does.
    new sfn.Fail(scope, id, { comment, error, causePath: `$.${FAILURE_KEY}.Cause` }),
  succeed: (scope, id, comment) => new sfn.Succeed(scope, id, { comment }),
  catch: (state, next, errors) => {
    state.addCatch(next, { errors: [...errors], resultPath: `$.${FAILURE_KEY}` });
  },
};

function jsonPathArgument(value: ArgumentValue): string {
  if ('at' in value) return sfn.JsonPath.stringAt(`$.${value.at}`);
  return sfn.JsonPath.format(
    value.join.map(() => '{}').join(value.separator),
    ...value.join.map((path) => sfn.JsonPath.stringAt(`$.${path}`)),
  );
}

/** `{% … %}`: a JSONata expression as the JSONata constructs take it. */
const jsonata = (expression: string): string => `{% ${expression} %}`;
const input = (path: StatePath): string => `$states.input.${path}`;
/** The state input with `key` set to `value` (a JSONata expression): how a JSONata state keeps a result. */
const withKey = (key: string, value: string): string => jsonata(`$merge([$states.input, {'${key}': ${value}}])`);
/** A JSONata string literal. */
const jsonataString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** JSONata: the same states, data and results as JSONPATH_DIALECT, in `Arguments`/`Output`. */
export const JSONATA_DIALECT: WorkflowDialect = {
  invoke: (scope, id, props) =>
    tasks.LambdaInvoke.jsonata(scope, id, {
      comment: props.comment,
      lambdaFunction: props.lambdaFunction,
      payload: sfn.TaskInput.fromObject({
        action: props.action,
        event: jsonata(input(props.event)),
        ...mapValues(props.extraArguments ?? {}, (value) => jsonata(jsonataArgument(value))),
      }),
      retryOnServiceExceptions: false,
      taskTimeout: props.taskTimeout,
      outputs: withKey(
        props.resultKey,
        props.decides
          ? "{'outcome': $states.result.Payload.outcome, 'event': $states.result.Payload.event}"
          : "{'outcome': $states.result.Payload.outcome}",
      ),
    }),
  emit: (scope, id, props) =>
    new sfn.CustomState(scope, id, {
      stateJson: {
        Type: 'Task',
        QueryLanguage: 'JSONata',
        Comment: emitComment(props.contract),
        Resource: putEventsResource,
        Arguments: {
          Entries: [
            {
              EventBusName: props.eventBusName,
              Source: props.contract.source,
              DetailType: props.contract.detailType,
              Detail: jsonata(input(`${props.event}.detail`)),
            },
          ],
        },
        TimeoutSeconds: 30,
        Output: jsonata('$states.input'),
      },
    }),
  readEventBridgeEvent: (scope, id, comment, key) =>
    sfn.Pass.jsonata(scope, id, {
      comment,
      outputs: {
        [key]: {
          detailType: jsonata('$states.input.`detail-type`'),
          detail: jsonata('$states.input.detail'),
        },
      },
    }),
  copy: (scope, id, comment, from, key) => sfn.Pass.jsonata(scope, id, { comment, outputs: withKey(key, input(from)) }),
  set: (scope, id, comment, key, value) =>
    sfn.Pass.jsonata(scope, id, {
      comment,
      outputs: withKey(
        key,
        `{${Object.entries(value)
          .map(([name, text]) => `${jsonataString(name)}: ${jsonataString(text)}`)
          .join(', ')}}`,
      ),
    }),
  choice: (scope, id, comment) => sfn.Choice.jsonata(scope, id, { comment }),
  stringEquals: (path, value) => sfn.Condition.jsonata(jsonata(`${input(path)} = ${jsonataString(value)}`)),
  failWithCaughtCause: (scope, id, comment, error) =>
    sfn.Fail.jsonata(scope, id, { comment, error, cause: jsonata(input(`${FAILURE_KEY}.Cause`)) }),
  succeed: (scope, id, comment) => sfn.Succeed.jsonata(scope, id, { comment }),
  catch: (state, next, errors) => {
    state.addCatch(next, { errors: [...errors], outputs: withKey(FAILURE_KEY, '$states.errorOutput') });
  },
};

function jsonataArgument(value: ArgumentValue): string {
  if ('at' in value) return input(value.at);
  return value.join.map(input).join(` & ${jsonataString(value.separator)} & `);
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
