import type { TraceCorrelator } from '../local/trace';

/**
 * Assigns trace records to orders: a saga event's `metadata.correlationId` is its order id,
 * whether the document is a whole EventBridge event (a queue's message body, a rule's event),
 * a bare detail (a PutEvents `Detail`), or a state machine's input or task payload (which carry
 * `orderId`, at the top or in `detail.data`).
 */
export const SAGA_CORRELATOR: TraceCorrelator = {
  correlate(document) {
    const json = asJson(document);
    const detail = field(json, 'detail');
    const candidates = [
      field(field(detail, 'metadata'), 'correlationId'),
      field(field(json, 'metadata'), 'correlationId'),
      field(field(detail, 'data'), 'orderId'),
      field(json, 'orderId'),
    ];
    return candidates.find((candidate): candidate is string => typeof candidate === 'string' && candidate !== '');
  },
  appEventIdOf(event) {
    const eventId = field(field(field(asJson(event), 'detail'), 'metadata'), 'eventId');
    return typeof eventId === 'string' ? eventId : undefined;
  },
};

/** A message body or a `Detail` is JSON text; anything else is taken as already parsed. */
function asJson(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  if (!document.startsWith('{')) return undefined;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
