import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../../lib/local/endpoint/aws-json';
import { DYNAMODB_TARGET_PREFIX } from '../../../lib/local/endpoint/start-local-endpoint';
import type { LocalCloud } from '../../../lib/local/local-cloud';

/** Which DynamoDB call to hold back: by caller, operation and a fragment of the request body. */
export interface StalledCall {
  /** The function making the call (its name is its principal on the local endpoint). */
  readonly functionName: string;
  /** e.g. `GetItem`. */
  readonly operation: string;
  /** Text the request body must contain, e.g. a key value naming one order. */
  readonly bodyContains: string;
  /** Wall milliseconds to hold the first matching call before answering it. */
  readonly stallWallMs: number;
}

/**
 * Wraps the local cloud's DynamoDB on its endpoint so that the first call matching a
 * {@link StalledCall} answers only after a delay, as a slow or hung dependency would: the one
 * clean way to make a real handler outlive its function timeout without touching its code.
 * Every other call, and every later matching one, goes straight through.
 */
export class StalledDynamoDb implements AwsJsonService {
  /** How many calls were held back (0 or 1). */
  stalled = 0;

  private constructor(
    private readonly inner: AwsJsonService,
    private readonly call: StalledCall,
  ) {}

  /** Puts the wrapper in front of the cloud's DynamoDB; returns it to read `stalled`. */
  static install(cloud: LocalCloud, call: StalledCall): StalledDynamoDb {
    const wrapper = new StalledDynamoDb(cloud.dynamoDb, call);
    cloud.endpoint.register(DYNAMODB_TARGET_PREFIX, wrapper, '1.0');
    return wrapper;
  }

  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    if (this.stalled === 0 && this.matches(request)) {
      this.stalled++;
      await new Promise((resolve) => setTimeout(resolve, this.call.stallWallMs));
    }
    return this.inner.handle(request);
  }

  private matches(request: AwsJsonRequest): boolean {
    return (
      request.caller.principal === this.call.functionName &&
      request.target === `${DYNAMODB_TARGET_PREFIX}${this.call.operation}` &&
      request.body.toString('utf8').includes(this.call.bodyContains)
    );
  }
}
