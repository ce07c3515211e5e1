/**
 * The order id an execution is about, for the trace: `detail.data.orderId` of an EventBridge
 * event given as input, else a top-level `orderId`, else the saga metadata's `correlationId`.
 */
export function correlationIdOf(input: unknown): string | undefined {
  const detail = field(input, 'detail');
  const candidates = [
    field(field(detail, 'data'), 'orderId'),
    field(input, 'orderId'),
    field(field(detail, 'metadata'), 'correlationId'),
  ];
  const found = candidates.find((candidate) => typeof candidate === 'string' && candidate !== '');
  return found as string | undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
