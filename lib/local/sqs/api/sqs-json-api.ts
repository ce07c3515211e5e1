import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { dispatchJsonOperation } from '../../endpoint/dispatch-json-operation';
import type { LocalSqs } from '../local-sqs';
import { BATCH_OPERATIONS } from './batch-operations';
import { MESSAGE_OPERATIONS } from './message-operations';
import { MOVE_TASK_OPERATIONS } from './move-task-operations';
import { QUEUE_OPERATIONS } from './queue-operations';
import { SQS_PARAMETER_ERRORS, type SqsOperation } from './sqs-operation';

/** The `X-Amz-Target` prefix of SQS's JSON 1.0 protocol. */
export const SQS_TARGET_PREFIX = 'AmazonSQS.';

const OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  ...QUEUE_OPERATIONS,
  ...MESSAGE_OPERATIONS,
  ...BATCH_OPERATIONS,
  ...MOVE_TASK_OPERATIONS,
};

const SQS_API = { targetPrefix: SQS_TARGET_PREFIX, operations: OPERATIONS, parameterErrors: SQS_PARAMETER_ERRORS };

/**
 * SQS's JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), as SDK v3 and the aws CLI v1
 * (botocore ≥ 1.31) speak it, over a `LocalSqs`.
 */
export class SqsJsonApi implements AwsJsonService {
  constructor(private readonly sqs: LocalSqs) {}

  handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    return dispatchJsonOperation(request, SQS_API, { sqs: this.sqs, caller: request.caller, signal: request.signal });
  }
}
