import { resourceNameOf } from '../arn';
import { TargetInvocationError, type TargetInvoker } from '../eventbridge/target-invoker';
import type { LambdaRuntime } from './lambda-runtime';

/**
 * Delivers EventBridge rule targets that are Lambda functions (trigger `events:<rule>`). A
 * missing function sends the event to the target's DLQ at once; a function error is retried by
 * the rule's retry policy, as on AWS.
 *
 * @example eventBridge.registerInvoker(functionTargetInvoker(lambda));
 */
export function functionTargetInvoker(lambda: Pick<LambdaRuntime, 'hasFunction' | 'invoke'>): TargetInvoker {
  return {
    service: 'lambda',
    async invoke({ targetArn, input, rule }) {
      const functionName = resourceNameOf(targetArn);
      if (!lambda.hasFunction(functionName)) {
        throw new TargetInvocationError('NO_RESOURCE', `function '${functionName}' does not exist`, false);
      }
      const result = await lambda.invoke(functionName, JSON.parse(input), { trigger: `events:${rule.name}` });
      if (result.outcome !== 'success') {
        throw new TargetInvocationError('ERROR_FROM_TARGET', result.error?.errorMessage ?? result.outcome, true);
      }
    },
  };
}
