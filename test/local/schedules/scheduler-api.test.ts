import {
  ConflictException,
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type Target,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import type { AppModel, RoleModel } from '../../../lib/local/assembly/app-model';
import { ScaledClock } from '../../../lib/local/clock';
import { LogsJsonApi, LogStore, LOGS_TARGET_PREFIX } from '../../../lib/local/logs';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { localArnResolver, ServiceRoleAccess } from '../../../lib/local/iam';
import {
  callThroughEndpoint,
  LocalScheduler,
  localScheduleTargets,
  schedulerRestApi,
} from '../../../lib/local/scheduler';
import type { LocalQueue, LocalSqs } from '../../../lib/local/sqs';
import { freshForEachTest } from '../../support/fresh-for-each-test';
import { TEST_CLIENT_CONFIG } from '../../support/serve-aws-json';
import { firstMessageWithin } from '../sqs/receive-within';
import { startSqsHarness } from '../sqs/sqs-harness';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/scheduler-role';
const NARROW_ROLE_ARN = 'arn:aws:iam::000000000000:role/narrow-role';
const LOGS_AND_LAMBDA_ROLE_ARN = 'arn:aws:iam::000000000000:role/logs-and-lambda';

function role(arn: string, resource: string, actions: readonly string[] = ['sqs:SendMessage']): RoleModel {
  return {
    stackName: 'Test',
    logicalId: arn.split('/')[1] ?? 'Role',
    name: arn.split('/')[1] ?? 'role',
    arn,
    path: '/',
    assumeRolePolicy: {
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' } }],
    },
    managedPolicyArns: [],
    policies: [
      {
        name: 'p',
        source: 'inline',
        document: { Statement: [{ Effect: 'Allow', Action: [...actions], Resource: resource }] },
      },
    ],
  };
}

interface Harness {
  readonly client: SchedulerClient;
  readonly sqs: LocalSqs;
  readonly scheduler: LocalScheduler;
  readonly queue: LocalQueue;
  readonly dlq: LocalQueue;
  readonly logs: LogStore;
  /** What the stand-in Lambda runtime was asked to run (only function `worker` exists). */
  readonly invocations: readonly { functionName: string; payload: unknown }[];
  stop(): Promise<void>;
}

/** Scheduler, SQS and the endpoint; one AWS minute is 100 wall ms. */
async function startHarness(): Promise<Harness> {
  const sqsHarness = await startSqsHarness(new ScaledClock({ timeScale: 600 }));
  const { clock, trace, sqs, endpoint, url } = sqsHarness;
  const eventBridge = new LocalEventBridge({ clock, trace, sqs });
  const logs = new LogStore({ clock, region: 'us-east-1' });
  endpoint.register(LOGS_TARGET_PREFIX, new LogsJsonApi(logs), '1.1');
  const invocations: { functionName: string; payload: unknown }[] = [];
  const lambda = {
    hasFunction: (functionName: string) => functionName === 'worker',
    invoke: async (functionName: string, payload: unknown) => {
      invocations.push({ functionName, payload });
      return {};
    },
  };
  const queue = sqs.createQueue('reminders', {});
  const dlq = sqs.createQueue('reminders-dlq', {});
  const model = {
    accountId: '000000000000',
    roles: [
      role(ROLE_ARN, '*'),
      role(NARROW_ROLE_ARN, dlq.arn),
      role(LOGS_AND_LAMBDA_ROLE_ARN, '*', ['logs:*', 'lambda:InvokeFunction', 'sqs:SendMessage']),
    ],
  } as Pick<AppModel, 'roles' | 'accountId'>;
  const scheduler = new LocalScheduler({
    clock,
    trace,
    retryBaseMs: 1000,
    targets: localScheduleTargets({
      sqs,
      eventBridge,
      lambda,
      callService: callThroughEndpoint(endpoint),
      roleAccess: new ServiceRoleAccess(model),
      resolveArn: localArnResolver('us-east-1'),
    }),
  });
  endpoint.registerRoute(schedulerRestApi(scheduler));
  const client = new SchedulerClient({ ...TEST_CLIENT_CONFIG, endpoint: url });
  return {
    client,
    sqs,
    scheduler,
    queue,
    dlq,
    logs,
    invocations,
    async stop() {
      client.destroy();
      scheduler.close();
      eventBridge.close();
      await sqsHarness.stop();
    },
  };
}

const OFF = { Mode: 'OFF' as const };

/** Resolves once `condition` holds (checked every 10 wall ms), or after `withinWallMs`. */
async function eventually(condition: () => boolean, withinWallMs = 3000): Promise<void> {
  const deadline = Date.now() + withinWallMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('EventBridge Scheduler API (Scheduler API reference: CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule, ListSchedules)', () => {
  const harness = freshForEachTest(startHarness);

  /** CreateSchedule's input for `name` on `expression`, with no time window, sent to the harness queue with ROLE_ARN unless `overrides` say otherwise. */
  const scheduleInput = (
    name: string,
    expression: string,
    { Target, ...overrides }: Omit<Partial<CreateScheduleCommandInput>, 'Target'> & { Target?: Partial<Target> } = {},
  ): CreateScheduleCommandInput => ({
    Name: name,
    ScheduleExpression: expression,
    FlexibleTimeWindow: OFF,
    Target: { Arn: harness.queue.arn, RoleArn: ROLE_ARN, ...Target },
    ...overrides,
  });
  const createSchedule = (...input: Parameters<typeof scheduleInput>) =>
    harness.client.send(new CreateScheduleCommand(scheduleInput(...input)));

  it('runs a rate schedule into its SQS target with the context attributes filled in', async () => {
    const { ScheduleArn } = await createSchedule('tick', 'rate(1 minute)', {
      Target: { Input: '{"schedule":"<aws.scheduler.schedule-arn>"}' },
    });
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/tick');
    const message = await firstMessageWithin(harness.queue);
    expect(JSON.parse(message?.body ?? '{}')).toEqual({ schedule: ScheduleArn });
  });

  it('describes and lists what was created, with defaults filled in', async () => {
    await createSchedule('nightly', 'cron(0 3 * * ? *)', {
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
    });
    const schedule = await harness.client.send(new GetScheduleCommand({ Name: 'nightly' }));
    expect(schedule).toMatchObject({
      Name: 'nightly',
      GroupName: 'default',
      State: 'ENABLED',
      ScheduleExpressionTimezone: 'Europe/Paris',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      ActionAfterCompletion: 'NONE',
    });
    expect(schedule.CreationDate).toBeInstanceOf(Date);
    const { Schedules } = await harness.client.send(new ListSchedulesCommand({}));
    expect(Schedules?.map((summary) => summary.Name)).toEqual(['nightly']);
  });

  it.each(['rate(5 minutez)', 'rate(1 minutes)', 'cron(0 12 * * ?)', 'at(2026-13-01T00:00:00)'])(
    'refuses %s with "Invalid Schedule Expression <expression>." (AWS-validated Scheduler snapshots)',
    async (expression) => {
      await expect(createSchedule('bad', expression)).rejects.toMatchObject({
        name: 'ValidationException',
        message: `Invalid Schedule Expression ${expression}.`,
      });
    },
  );

  it('refuses a target ARN that is not one, and an unknown time zone, with ValidationException', async () => {
    const create = (overrides: Parameters<typeof scheduleInput>[2]) => createSchedule('bad', 'rate(1 hour)', overrides);
    await expect(create({ Target: { Arn: 'not-an-arn' } })).rejects.toBeInstanceOf(ValidationException);
    await expect(create({ ScheduleExpressionTimezone: 'Mars/Olympus' })).rejects.toBeInstanceOf(ValidationException);
    await expect(create({ FlexibleTimeWindow: { Mode: 'FLEXIBLE' } })).rejects.toBeInstanceOf(ValidationException);
  });

  it('answers ConflictException for a second schedule of the same name and ResourceNotFoundException (404) for none', async () => {
    const input = scheduleInput('once', 'rate(1 hour)');
    await harness.client.send(new CreateScheduleCommand(input));
    await expect(harness.client.send(new CreateScheduleCommand(input))).rejects.toBeInstanceOf(ConflictException);
    await expect(harness.client.send(new GetScheduleCommand({ Name: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      harness.client.send(new GetScheduleCommand({ Name: 'once', GroupName: 'missing' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await harness.client.send(new DeleteScheduleCommand({ Name: 'once' }));
    await expect(harness.client.send(new GetScheduleCommand({ Name: 'once' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('runs a one-time at(...) schedule once and deletes it after with ActionAfterCompletion DELETE', async () => {
    await harness.client.send(new CreateScheduleGroupCommand({ Name: 'reminders' }));
    await createSchedule('remind-once', 'at(2020-01-01T00:00:00)', {
      GroupName: 'reminders',
      ActionAfterCompletion: 'DELETE',
      Target: { Input: '"hello"' },
    });
    expect((await firstMessageWithin(harness.queue))?.body).toBe('"hello"');
    await harness.scheduler.whenIdle();
    await expect(
      harness.client.send(new GetScheduleCommand({ Name: 'remind-once', GroupName: 'reminders' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('dead-letters an invocation the target role may not make, without retrying (AccessDenied is not retryable)', async () => {
    await createSchedule('denied', 'rate(1 minute)', {
      Target: { RoleArn: NARROW_ROLE_ARN, Input: '{"n":1}', DeadLetterConfig: { Arn: harness.dlq.arn } },
    });
    const dead = await firstMessageWithin(harness.dlq);
    expect(dead?.body).toBe('{"n":1}');
    expect(dead?.messageAttributes).toMatchObject({
      ERROR_CODE: { StringValue: 'AccessDeniedException' },
      EXHAUSTED_RETRY_CONDITION: { StringValue: 'NonRetryableError' },
      TARGET_ARN: { StringValue: harness.queue.arn },
    });
    expect(await firstMessageWithin(harness.queue, 100)).toBeUndefined();
  });

  it('runs a universal target (aws-sdk:sqs:sendMessage) through the local endpoint', async () => {
    await createSchedule('universal', 'rate(1 minute)', {
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage',
        Input: JSON.stringify({ QueueUrl: harness.sqs.queueUrl('reminders'), MessageBody: 'via universal target' }),
      },
    });
    expect((await firstMessageWithin(harness.queue))?.body).toBe('via universal target');
  });

  // Scheduler user guide, "Using universal targets": any service's API action, the Input as its request.
  it('runs universal targets of every API the endpoint serves through its dispatch (aws-sdk:cloudwatchlogs:createLogGroup)', async () => {
    await createSchedule('make-group', 'at(2020-01-01T00:00:00)', {
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:cloudwatchlogs:createLogGroup',
        RoleArn: LOGS_AND_LAMBDA_ROLE_ARN,
        Input: JSON.stringify({ logGroupName: '/scheduled/made' }),
      },
    });
    await eventually(() => harness.logs.hasLogGroup('/scheduled/made'));
    expect(harness.logs.hasLogGroup('/scheduled/made')).toBe(true);
  });

  it('invokes a function with aws-sdk:lambda:invoke, its Payload as the event', async () => {
    await createSchedule('invoke-worker', 'at(2020-01-01T00:00:00)', {
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:lambda:invoke',
        RoleArn: LOGS_AND_LAMBDA_ROLE_ARN,
        Input: JSON.stringify({ FunctionName: 'worker', InvocationType: 'Event', Payload: '{"job":"nightly"}' }),
      },
    });
    await eventually(() => harness.invocations.length > 0);
    expect(harness.invocations).toEqual([{ functionName: 'worker', payload: { job: 'nightly' } }]);
  });

  it.each([
    [
      'a service the local cloud does not emulate',
      'arn:aws:scheduler:::aws-sdk:sns:publish',
      'UnknownOperationException',
    ],
    ['an action the API does not have', 'arn:aws:scheduler:::aws-sdk:sqs:frobnicateQueue', 'UnknownOperationException'],
    ['a function that does not exist', 'arn:aws:scheduler:::aws-sdk:lambda:invoke', 'ResourceNotFoundException'],
  ])('accepts a universal target of %s, and dead-letters its invocation', async (_case, arn, errorCode) => {
    await createSchedule('unrunnable', 'rate(1 minute)', {
      Target: {
        Arn: arn,
        RoleArn: LOGS_AND_LAMBDA_ROLE_ARN,
        Input: JSON.stringify({ FunctionName: 'nobody', Message: 'hi', QueueUrl: 'q' }),
        DeadLetterConfig: { Arn: harness.dlq.arn },
      },
    });
    const dead = await firstMessageWithin(harness.dlq);
    expect(dead?.messageAttributes).toMatchObject({
      ERROR_CODE: { StringValue: errorCode },
      EXHAUSTED_RETRY_CONDITION: { StringValue: 'NonRetryableError' },
      TARGET_ARN: { StringValue: arn },
    });
  });

  it('refuses a read-only universal target (aws-sdk:sqs:getQueueUrl) with ValidationException, as the user guide lists', async () => {
    await expect(
      createSchedule('read-only', 'rate(1 minute)', {
        Target: { Arn: 'arn:aws:scheduler:::aws-sdk:sqs:getQueueUrl', Input: '{}' },
      }),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('stops a schedule that UpdateSchedule disables', async () => {
    const input = scheduleInput('paused', 'rate(1 minute)');
    await harness.client.send(new CreateScheduleCommand(input));
    await harness.client.send(new UpdateScheduleCommand({ ...input, State: 'DISABLED' }));
    expect((await harness.client.send(new GetScheduleCommand({ Name: 'paused' }))).State).toBe('DISABLED');
    expect(await firstMessageWithin(harness.queue, 400)).toBeUndefined();
  });
});

describe('flexible time windows (Scheduler user guide: "Configuring flexible time windows")', () => {
  it('fires at a moment inside the window after the scheduled time', () => {
    const clock = new ScaledClock({ timeScale: 1, startAt: Date.parse('2026-01-31T12:00:00Z') });
    const windows: number[] = [];
    const scheduler = new LocalScheduler({
      clock,
      randomDelayMs: (windowMs) => {
        windows.push(windowMs);
        return windowMs - 1;
      },
      targets: {
        invoke: async () => undefined,
        servesUniversal: () => false,
        sendToDeadLetterQueue: async () => undefined,
      },
    });
    scheduler.createSchedule({
      Name: 'flexible',
      ScheduleExpression: 'cron(0 13 * * ? *)',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 10 },
      Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q', RoleArn: ROLE_ARN },
    });
    expect(windows).toEqual([600_000]);
    expect(scheduler.nextInvocation('flexible')).toBe(Date.parse('2026-01-31T13:00:00Z'));
    scheduler.close();
  });
});
