import { DynamoDbApiError } from './dynamodb-errors';

/** How long AWS remembers a `ClientRequestToken`: ten minutes. */
export const CLIENT_REQUEST_TOKEN_TTL_MS = 10 * 60 * 1000;

interface TokenEntry {
  readonly fingerprint: string;
  /** Undefined while the transaction runs. */
  response?: Record<string, unknown>;
  expiresAt: number;
}

/**
 * TransactWriteItems idempotency, as AWS does it: a token that already succeeded with the same
 * request answers the same response without writing again; with another request it is an
 * `IdempotentParameterMismatchException`; while the first call runs, a
 * `TransactionInProgressException`. A failed call forgets its token, so a retry runs again.
 */
export class ClientRequestTokens {
  private readonly entries = new Map<string, TokenEntry>();

  constructor(private readonly now: () => number) {}

  /**
   * Claims `token` for a request; returns the earlier response when this is a replay.
   * @throws DynamoDbApiError on a mismatch or a call in progress
   */
  begin(token: string, request: Record<string, unknown>): Record<string, unknown> | undefined {
    this.evictExpired();
    const fingerprint = fingerprintOf(request);
    const entry = this.entries.get(token);
    if (entry) {
      if (entry.fingerprint !== fingerprint) throw DynamoDbApiError.idempotentParameterMismatch();
      if (!entry.response) throw DynamoDbApiError.transactionInProgress();
      return entry.response;
    }
    this.entries.set(token, { fingerprint, expiresAt: this.now() + CLIENT_REQUEST_TOKEN_TTL_MS });
    return undefined;
  }

  succeed(token: string, response: Record<string, unknown>): void {
    const entry = this.entries.get(token);
    if (!entry) return;
    entry.response = response;
    entry.expiresAt = this.now() + CLIENT_REQUEST_TOKEN_TTL_MS;
  }

  fail(token: string): void {
    this.entries.delete(token);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) {
      if (entry.response && entry.expiresAt <= now) this.entries.delete(token);
    }
  }
}

/** The members that make two calls "the same request" (capacity reporting does not count). */
function fingerprintOf(request: Record<string, unknown>): string {
  const {
    ClientRequestToken: _token,
    ReturnConsumedCapacity: _capacity,
    ReturnItemCollectionMetrics: _metrics,
    ...rest
  } = request;
  return JSON.stringify(rest);
}

/** Validates the token member like AWS (1 to 36 characters). */
export function readClientRequestToken(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 36) {
    throw DynamoDbApiError.validation(
      `1 validation error detected: Value '${String(value)}' at 'clientRequestToken' failed to satisfy constraint: ` +
        'Member must have length less than or equal to 36',
    );
  }
  return value;
}
