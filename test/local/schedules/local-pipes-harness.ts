import { buildAppModel, type CfnResource, type CfnTemplate } from '../../../lib/local/assembly';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalEventBridge } from '../../../lib/local/eventbridge';
import { LocalPipes, type LocalPipesProps, type PipeJournal } from '../../../lib/local/pipes';
import { LocalSqs } from '../../../lib/local/sqs';
import { TraceRecorder } from '../../../lib/local/trace';

/** A role the Pipes service may assume, allowed to read and write SQS, put events and invoke functions. */
const PIPE_ROLE = {
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: 'pipe-role',
    AssumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pipes.amazonaws.com' } }],
    },
    Policies: [
      {
        PolicyName: 'pipe',
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: ['sqs:*', 'events:PutEvents', 'lambda:InvokeFunction'], Resource: '*' },
          ],
        },
      },
    ],
  },
};

/**
 * A template with the queues `in` (whose messages become visible again after 1 s) and `out`, the pipe role `Role`, the
 * `resources` given, and the pipe `Pipe` from `in` with the role and `pipeProperties` (its `Name` at least).
 */
export function pipeTemplate(
  pipeProperties: { readonly Name: string } & Record<string, unknown>,
  resources: Record<string, CfnResource> = {},
): CfnTemplate {
  return {
    Resources: {
      In: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'in', VisibilityTimeout: 1 } },
      Out: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'out' } },
      Role: PIPE_ROLE,
      ...resources,
      Pipe: {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Source: { 'Fn::GetAtt': ['In', 'Arn'] },
          ...pipeProperties,
        },
      },
    },
  };
}

/**
 * The pipes of `template` on an in-memory SQS (its queues created) and EventBridge, composed as the local cloud
 * composes them on a clock 100 times faster than AWS's; not started, so that a test can add rules or put back kept
 * state first.
 */
export function composeLocalPipes(
  template: CfnTemplate,
  options: { readonly journal?: PipeJournal; readonly lambda?: LocalPipesProps['services']['lambda'] } = {},
) {
  const clock = new ScaledClock({ timeScale: 100 });
  const trace = new TraceRecorder(clock);
  const sqs = new LocalSqs({ clock, trace });
  const eventBridge = new LocalEventBridge({ clock, trace, sqs });
  const model = buildAppModel([{ stackName: 'Pipes', template }]);
  for (const queue of model.queues) sqs.createQueue(queue.name, queue.attributes);
  const pipes = new LocalPipes({
    model,
    clock,
    region: 'us-east-1',
    trace,
    services: { sqs, eventBridge, ...(options.lambda ? { lambda: options.lambda } : {}) },
    queueByArn: (arn) => sqs.findQueue(arn),
    ...(options.journal ? { journal: options.journal } : {}),
  });
  return {
    sqs,
    eventBridge,
    pipes,
    stop: async () => {
      await pipes.stop();
      eventBridge.close();
      sqs.close();
    },
  };
}
