import type { AppModel, FunctionModel } from '../assembly';
import { UNRESOLVED_PREFIX } from '../assembly';
import { unrunTaskResources } from '../stepfunctions/integrations/integration-registry';
import { LOCAL_DUMMY_CREDENTIALS } from './dummy-credentials';
import { isNodeRuntime } from './lambda-runtimes';

/** Extra "try it" lines a layer above the emulator knows for its own app (the saga's CLI commands). */
export interface StartupHints {
  readonly title: string;
  readonly lines: readonly string[];
}

export interface StartupReportInput {
  readonly model: AppModel;
  readonly endpointUrl: string;
  /** Event source mappings the cloud could not start, with why. @default - none */
  readonly skippedEventSourceMappings?: readonly string[];
  /** Said on the first line: how long the start took and whether the assembly was reused. */
  readonly startup?: { readonly elapsedMs: number; readonly assembly: 'reused' | 'synthesized' | 'given' };
  readonly hints?: readonly StartupHints[];
}

/** A Task state whose integration the local cloud does not run, and why. */
export interface IntegrationNotRun {
  readonly stateMachine: string;
  readonly stateName: string;
  readonly resource: string;
  readonly reason: string;
}

/** Every Task state the local Step Functions would not run, from the registry of the integrations it has. */
export function integrationsNotRun(model: AppModel): IntegrationNotRun[] {
  return model.stateMachines.flatMap((machine) =>
    unrunTaskResources(machine.definition).map((task) => ({ stateMachine: machine.name, ...task })),
  );
}

/** The functions the local cloud does not run: every runtime but Node.js. */
export function functionsNotRun(model: AppModel): FunctionModel[] {
  return model.functions.filter((fn) => !isNodeRuntime(fn.runtime));
}

/** Stack outputs as `cdk deploy` prints them: `Stack.OutputName = value`, resolved locally. */
export function stackOutputLines(model: AppModel): string[] {
  return model.stacks.flatMap((stack) =>
    Object.entries(stack.outputs).map(([name, value]) => `${stack.stackName}.${name} = ${printable(value)}`),
  );
}

/**
 * What `choreo local` prints once the cloud is up, for any app: its stacks, functions, event
 * sources, rules, state machines and resolved outputs; what it does not run; and commands to try
 * built from the app's own resources. Knows nothing of a particular app: `hints` add that.
 */
export function startupReport(input: StartupReportInput): string {
  const { model, endpointUrl } = input;
  const lines: string[] = [];
  const took = input.startup
    ? ` in ${(input.startup.elapsedMs / 1000).toFixed(1)} s (${
        input.startup.assembly === 'reused'
          ? 'assembly reused: no source change'
          : input.startup.assembly === 'synthesized'
            ? 'app synthesized'
            : 'assembly given'
      })`
    : '';
  lines.push(`local cloud ready at ${endpointUrl} (region ${model.region}, account ${model.accountId})${took}`);

  section(lines, `Stacks (${model.stacks.length})`, [model.stacks.map((stack) => stack.stackName).join(', ')]);
  section(
    lines,
    `Functions (${model.functions.length})`,
    table(
      model.functions.map((fn) => [
        fn.name,
        fn.runtime,
        `${fn.memorySizeMb} MB`,
        `${fn.timeoutSeconds} s`,
        isNodeRuntime(fn.runtime) ? '' : 'not run',
      ]),
    ),
  );
  section(
    lines,
    `Event sources (${model.eventSourceMappings.length})`,
    model.eventSourceMappings.map(
      (mapping) =>
        `${lastSegment(mapping.eventSourceArn)} → ${mapping.functionName} (batch ${mapping.batchSize}${
          mapping.reportBatchItemFailures ? ', partial batch responses' : ''
        }${mapping.enabled ? '' : ', disabled'})`,
    ),
  );
  section(
    lines,
    `Rules (${model.rules.length})`,
    model.rules.map(
      (rule) =>
        `${rule.eventBusName}/${rule.name}${rule.scheduleExpression ? ` ${rule.scheduleExpression}` : ''} → ${
          rule.targets.map((target) => lastSegment(target.arn)).join(', ') || 'no targets'
        }${rule.state === 'DISABLED' ? ' (disabled)' : ''}`,
    ),
  );
  section(
    lines,
    `State machines (${model.stateMachines.length})`,
    model.stateMachines.map((machine) => `${machine.name} (${machine.type})`),
  );
  section(lines, 'Outputs', stackOutputLines(model));

  const notRun = [
    ...model.unsupportedResourceTypes.map((type) => `${type.type} (${type.resources.length})`),
    ...functionsNotRun(model).map((fn) => `function ${fn.name}: runtime ${fn.runtime} (only Node.js runs locally)`),
    ...integrationsNotRun(model).map(
      (task) => `Step Functions integration ${task.resource} (${task.stateMachine}: ${task.stateName}): ${task.reason}`,
    ),
    ...(input.skippedEventSourceMappings ?? []).map((mapping) => `event source mapping ${mapping}`),
  ];
  section(lines, 'Not run locally', notRun);

  section(lines, 'Try it', tryItCommands(model, endpointUrl));
  for (const hint of input.hints ?? []) section(lines, hint.title, hint.lines);
  return lines.join('\n');
}

/** `aws` CLI commands against the local endpoint, built from the app's own resources. */
export function tryItCommands(model: AppModel, endpointUrl: string): string[] {
  const aws = `aws --endpoint-url ${endpointUrl}`;
  const commands = [
    `export AWS_ACCESS_KEY_ID=${LOCAL_DUMMY_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_DUMMY_CREDENTIALS.secretAccessKey} AWS_REGION=${model.region}`,
  ];
  const rule = model.rules.find((candidate) => candidate.eventPattern !== undefined && candidate.state !== 'DISABLED');
  if (rule) {
    const entry = {
      EventBusName: rule.eventBusName,
      Source: firstString((rule.eventPattern as Record<string, unknown>).source) ?? 'local.try-it',
      DetailType: firstString((rule.eventPattern as Record<string, unknown>)['detail-type']) ?? 'TryIt',
      Detail: '{}',
    };
    commands.push(`${aws} events put-events --entries '${JSON.stringify([entry])}'`);
  } else if (model.buses[0]) {
    const entry = { EventBusName: model.buses[0].name, Source: 'local.try-it', DetailType: 'TryIt', Detail: '{}' };
    commands.push(`${aws} events put-events --entries '${JSON.stringify([entry])}'`);
  }
  const mapped = model.eventSourceMappings
    .map((mapping) => model.queues.find((queue) => queue.arn === mapping.eventSourceArn))
    .find((queue) => queue !== undefined);
  const queue = mapped ?? model.queues[0];
  if (queue) {
    commands.push(`${aws} sqs send-message --queue-url ${queue.url} --message-body '{}'`);
    commands.push(`${aws} sqs get-queue-attributes --queue-url ${queue.url} --attribute-names All`);
  }
  const fn = model.functions.find((candidate) => isNodeRuntime(candidate.runtime));
  if (fn) {
    commands.push(
      `${aws} lambda invoke --function-name ${fn.name} --payload '{}' --cli-binary-format raw-in-base64-out out.json`,
    );
    commands.push(`${aws} logs filter-log-events --log-group-name ${fn.logGroupName}`);
  }
  const table = model.tables[0];
  if (table) commands.push(`${aws} dynamodb scan --table-name ${table.name}`);
  const machine = model.stateMachines[0];
  if (machine) commands.push(`${aws} stepfunctions start-execution --state-machine-arn ${machine.arn} --input '{}'`);
  commands.push(
    `SDK v3: new SQSClient({ endpoint: '${endpointUrl}', region: '${model.region}', credentials: { accessKeyId: '${LOCAL_DUMMY_CREDENTIALS.accessKeyId}', secretAccessKey: '${LOCAL_DUMMY_CREDENTIALS.secretAccessKey}' } })`,
    `or export AWS_ENDPOINT_URL=${endpointUrl} with the credentials above, and any SDK or tool works unchanged`,
  );
  return commands;
}

function section(lines: string[], title: string, body: readonly string[]): void {
  const content = body.filter((line) => line.length > 0);
  if (content.length === 0) return;
  lines.push('', `${title}:`, ...content.map((line) => `  ${line}`));
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>(
    (acc, row) => row.map((cell, index) => Math.max(acc[index] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function lastSegment(arn: string): string {
  return arn.split(':').pop() ?? arn;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
  return undefined;
}

function printable(value: unknown): string {
  if (typeof value === 'string') {
    return value.startsWith(UNRESOLVED_PREFIX) ? `${value} (not resolvable locally)` : value;
  }
  return JSON.stringify(value);
}
