/** The saga ids a JSON document carries in `metadata` (a detail) or `detail.metadata` (an event). */
export interface SagaMetadata {
  readonly eventId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** Reads the saga metadata of an SQS body (an EventBridge event) or a PutEvents `Detail`. */
export function sagaMetadataOf(json: string | undefined): SagaMetadata {
  if (!json?.startsWith('{')) return {};
  try {
    const parsed = JSON.parse(json) as { detail?: { metadata?: unknown }; metadata?: unknown };
    const metadata = (parsed.detail?.metadata ?? parsed.metadata) as Record<string, unknown> | undefined;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      eventId: text(metadata?.eventId),
      correlationId: text(metadata?.correlationId),
      causationId: text(metadata?.causationId),
    };
  } catch {
    return {};
  }
}
