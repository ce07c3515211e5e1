import type { EventEnvelope } from './event-envelope';
import { applyInputPath, applyInputTransformer } from './input-transformer';
import type { RuleTarget } from './rule-target';
import { TargetInvocationError } from './target-invoker';

/**
 * What a target receives for an event: the constant `Input`, the `InputPath` selection, the
 * `InputTransformer` result, or the whole event as JSON. A transformation that fails is a
 * non-retryable `INVALID_JSON` failure (the same event would fail the same way).
 */
export function targetInput(
  event: EventEnvelope,
  target: RuleTarget,
  rule: { readonly name: string; readonly arn: string },
  ingestionTime: string,
): string {
  try {
    if (target.Input !== undefined) {
      return target.Input;
    }
    if (target.InputPath !== undefined) {
      return applyInputPath(event, target.InputPath);
    }
    if (target.InputTransformer !== undefined) {
      return applyInputTransformer(
        event,
        {
          inputPathsMap: target.InputTransformer.InputPathsMap,
          inputTemplate: target.InputTransformer.InputTemplate,
        },
        { ruleArn: rule.arn, ruleName: rule.name, ingestionTime },
      );
    }
    return JSON.stringify(event);
  } catch (error) {
    throw new TargetInvocationError(
      'INVALID_JSON',
      `input of target '${target.Id}' could not be built: ${(error as Error).message}`,
      false,
    );
  }
}
