import { ScaledClock } from '../../../lib/local/clock';
import { LocalEndpoint } from '../../../lib/local/endpoint';
import { LocalIamEnforcer } from '../../../lib/local/iam';
import {
  lambdaRestApi,
  LambdaRuntime,
  type LambdaFunctionConfig,
  type LambdaRuntimeOptions,
} from '../../../lib/local/lambda';
import { FunctionLogSink, LogsJsonApi, LogStore, LOGS_TARGET_PREFIX } from '../../../lib/local/logs';

/** The local endpoint with only the Lambda REST API and CloudWatch Logs behind it, over tiny fixture functions. */
export interface LambdaApiHarness {
  readonly url: string;
  readonly runtime: LambdaRuntime;
  readonly logs: LogStore;
  stop(): Promise<void>;
}

export const ACCOUNT_ID = '000000000000';
export const REGION = 'us-east-1';

/**
 * Starts the harness. `invokePolicy` names the functions the function `caller` may invoke
 * (local IAM: `lambda:InvokeFunction` on the caller's role).
 */
export async function startLambdaApiHarness(
  functions: LambdaFunctionConfig[],
  options: { readonly invokePolicy?: readonly string[]; readonly runtime?: Partial<LambdaRuntimeOptions> } = {},
): Promise<LambdaApiHarness> {
  const clock = new ScaledClock();
  const logs = new LogStore({ clock, region: REGION, accountId: ACCOUNT_ID });
  const endpoint = new LocalEndpoint({ port: 0 });
  const url = await endpoint.start();
  const runtime = new LambdaRuntime({
    functions,
    clock,
    endpointUrl: url,
    logSink: new FunctionLogSink(logs),
    ...options.runtime,
  });
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/caller-role`;
  const iam = new LocalIamEnforcer({
    accountId: ACCOUNT_ID,
    functions: [{ name: 'caller', roleArn }] as never,
    roles: [
      {
        name: 'caller-role',
        arn: roleArn,
        policies: [
          {
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'lambda:InvokeFunction',
                  Resource: (options.invokePolicy ?? []).map(
                    (name) => `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`,
                  ),
                },
              ],
            },
          },
        ],
      },
    ] as never,
  });
  endpoint.register(LOGS_TARGET_PREFIX, new LogsJsonApi(logs), '1.1');
  endpoint.registerRoute(
    lambdaRestApi(runtime, {
      region: REGION,
      accountId: ACCOUNT_ID,
      authorize: (caller, action, resource) => iam.check(caller, action, resource),
    }),
  );
  return {
    url,
    runtime,
    logs,
    async stop() {
      await runtime.close();
      await endpoint.stop();
    },
  };
}
