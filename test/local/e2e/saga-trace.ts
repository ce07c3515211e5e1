import type { EventPutTrace, TraceEvent, TraceKind, TraceRecorder } from '../../../lib/local/trace';

/** The trace events of one order, of the given kinds, in recording order. */
export function traceOf<K extends TraceKind>(
  trace: TraceRecorder,
  orderId: string,
  ...kinds: K[]
): Extract<TraceEvent, { kind: K }>[] {
  const wanted = new Set<TraceKind>(kinds);
  return trace.forCorrelation(orderId).filter((event) => wanted.has(event.kind)) as Extract<TraceEvent, { kind: K }>[];
}

/** Every PutEvents entry accepted for one order, in order. */
export function eventsPut(trace: TraceRecorder, orderId: string): EventPutTrace[] {
  return traceOf(trace, orderId, 'event.put');
}

/** The detail types published for one order, each once, in the order they first appeared: the saga's path. */
export function sagaPath(trace: TraceRecorder, orderId: string): string[] {
  return [...new Set(eventsPut(trace, orderId).map((event) => event.detailType))];
}

/** Per detail type, the distinct `metadata.eventId`s published for one order and how many puts carried them. */
export function republications(
  trace: TraceRecorder,
  orderId: string,
): Record<string, { sagaEventIds: string[]; puts: number; envelopeIds: number }> {
  const byType = new Map<string, EventPutTrace[]>();
  for (const event of eventsPut(trace, orderId)) {
    byType.set(event.detailType, [...(byType.get(event.detailType) ?? []), event]);
  }
  return Object.fromEntries(
    [...byType].map(([detailType, puts]) => [
      detailType,
      {
        sagaEventIds: [...new Set(puts.map((event) => event.appEventId ?? 'none'))],
        puts: puts.length,
        envelopeIds: new Set(puts.map((event) => event.eventId)).size,
      },
    ]),
  );
}
