import type { FunctionLogEntry } from '../../../lib/local/lambda';
import { TerminalLogPrinter } from '../../../lib/local/logs';

function entry(functionName: string, message: string, stream: FunctionLogEntry['stream'] = 'stdout'): FunctionLogEntry {
  return { functionName, message, stream, at: 0, requestId: 'r-1' };
}

describe('TerminalLogPrinter', () => {
  const functionNames = ['shop-choreography-orders', 'shop-choreography-payments'];

  function printed(mode: 'all' | 'errors' | 'none', entries: FunctionLogEntry[], functionFilter?: string): string[] {
    const lines: string[] = [];
    const printer = new TerminalLogPrinter({ mode, functionNames, functionFilter, write: (line) => lines.push(line) });
    entries.forEach((each) => printer.write(each));
    return lines;
  }

  it("prefixes each line with the function's short name and renders JSON lines as level, message and key fields", () => {
    const lines = printed('all', [
      entry(
        'shop-choreography-orders',
        JSON.stringify({ level: 'INFO', message: 'order recorded', service: 'orders', orderId: 'ord-1', total: 42 }),
      ),
    ]);

    expect(lines).toEqual(['orders   │ INFO  order recorded  orderId=ord-1  total=42']);
  });

  it("renders Lambda's text console lines as level and message, and leaves START and END out", () => {
    const lines = printed('all', [
      entry('shop-choreography-orders', 'START RequestId: r-1 Version: $LATEST', 'runtime'),
      entry('shop-choreography-orders', '2026-01-01T00:00:00.000Z\tr-1\tWARN\tstock low'),
      entry('shop-choreography-orders', 'END RequestId: r-1', 'runtime'),
    ]);

    expect(lines).toEqual(['orders   │ WARN  stock low']);
  });

  it('prints only error lines with --logs errors', () => {
    const lines = printed('errors', [
      entry('shop-choreography-payments', JSON.stringify({ level: 'INFO', message: 'charging' })),
      entry('shop-choreography-payments', JSON.stringify({ level: 'ERROR', message: 'card declined' })),
    ]);

    expect(lines).toEqual(['payments │ ERROR card declined']);
  });

  it('prints nothing with --logs none, and only the filtered function with --logs-filter', () => {
    const both = [
      entry('shop-choreography-orders', 'a plain line'),
      entry('shop-choreography-payments', 'another line'),
    ];

    expect(printed('none', both)).toEqual([]);
    expect(printed('all', both, 'payments')).toEqual(['payments │ INFO  another line']);
  });
});
