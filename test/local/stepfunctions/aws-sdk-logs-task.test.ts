import { ScaledClock } from '../../../lib/local/clock';
import { LogsJsonApi, LogStore, LOGS_TARGET_PREFIX } from '../../../lib/local/logs';
import { SfnHarness, stateMachineArn } from './sfn-harness';

// Step Functions developer guide, "Integrating with other services using AWS SDK service
// integrations": aws-sdk:cloudwatchlogs:<action>, PascalCase parameters, errors named
// CloudWatchLogs.<Code>.
describe('aws-sdk:cloudwatchlogs Tasks through the endpoint the Logs API is served on', () => {
  it('creates a log group and puts an event, and fails a second creation with CloudWatchLogs.ResourceAlreadyExistsException', async () => {
    const logs = new LogStore({ clock: new ScaledClock({ timeScale: 1 }), region: 'us-east-1' });
    const harness = new SfnHarness({
      validateDefinitions: false,
      endpointServices: { [LOGS_TARGET_PREFIX]: new LogsJsonApi(logs) },
    });
    const arn = stateMachineArn('audit');
    harness.stepFunctions.registerStateMachine({
      arn,
      name: 'audit',
      type: 'STANDARD',
      roleArn: 'arn:aws:iam::000000000000:role/audit-role',
      definition: JSON.stringify({
        StartAt: 'CreateGroup',
        States: {
          CreateGroup: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:cloudwatchlogs:createLogGroup',
            Parameters: { 'LogGroupName.$': '$.group' },
            ResultPath: null,
            Next: 'CreateStream',
          },
          CreateStream: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:cloudwatchlogs:createLogStream',
            Parameters: { 'LogGroupName.$': '$.group', LogStreamName: 'run' },
            ResultPath: null,
            Next: 'Put',
          },
          Put: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:cloudwatchlogs:putLogEvents',
            Parameters: {
              'LogGroupName.$': '$.group',
              LogStreamName: 'run',
              LogEvents: [{ 'Timestamp.$': '$.at', Message: 'audited' }],
            },
            End: true,
          },
        },
      }),
    });

    const first = await harness.stepFunctions.startExecution(arn, JSON.stringify({ group: '/audit', at: Date.now() }))
      .done;
    const second = await harness.stepFunctions.startExecution(arn, JSON.stringify({ group: '/audit', at: Date.now() }))
      .done;

    expect(first.status).toBe('SUCCEEDED');
    expect(logs.events('/audit').map((event) => event.message)).toEqual(['audited']);
    expect(second.status).toBe('FAILED');
    expect(second.error).toBe('CloudWatchLogs.ResourceAlreadyExistsException');
    await harness.stepFunctions.close();
  });
});
