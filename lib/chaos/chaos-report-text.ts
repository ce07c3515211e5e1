import { FAULT_KINDS } from './fault-kind';
import type { ChaosReport } from './chaos-run';

/** Renders rows as aligned columns (first column left, the others right-aligned). */
function columns(rows: readonly (readonly (string | number)[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, String(cell).length)));
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index === 0 ? String(cell).padEnd(widths[index] ?? 0) : String(cell).padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

/**
 * The chaos report as text: faults injected per kind, then per variant the orders per outcome,
 * retries, DLQ messages with their explanation, the invariants (violations naming the orders),
 * and the wall time.
 */
export function formatChaosReport(report: ChaosReport): string {
  const lines: string[] = [];
  lines.push(
    `chaos run: ${report.orders} orders per variant, seed ${report.seed}, spare attempts ${report.plan.spareAttempts}`,
    '',
  );
  lines.push(
    'faults injected',
    ...columns([
      ['  kind', 'rate', 'injected'],
      ...FAULT_KINDS.map((kind) => [`  ${kind}`, report.plan.rates[kind].toFixed(3), report.faults[kind]]),
      ['  total', '', FAULT_KINDS.reduce((sum, kind) => sum + report.faults[kind], 0)],
    ]),
  );
  for (const result of report.variants) {
    const { summary } = result;
    lines.push('', `${result.variant}`);
    lines.push(
      ...columns([
        ['  orders placed', summary.orders.total],
        ['    confirmed', summary.orders.confirmed],
        ...Object.entries(summary.orders.cancelledByReason).map(([reason, count]) => [
          `    cancelled: ${reason}`,
          count,
        ]),
        ['    still pending', summary.orders.pending],
        ['  events published', summary.events.published],
        ['  SQS messages sent', summary.messages.sent],
        ['  redeliveries (retries)', summary.messages.returned],
        ['  Lambda invocations', summary.invocations.total],
        ['    errors / timeouts', `${summary.invocations.errors} / ${summary.invocations.timeouts}`],
        ...(result.executions
          ? [
              ['  executions started', result.executions.started],
              ['    failed', result.executions.failed],
              ['  Task attempts failed (Retry)', result.executions.failedTaskAttempts],
            ]
          : []),
        ['  messages in DLQs', result.deadLetters.length],
        ['  saga wall time (s)', (summary.wallMs / 1000).toFixed(1)],
      ]),
    );
    if (result.deadLetters.length > 0) {
      lines.push('  dead letters:');
      for (const letter of result.deadLetters.slice(0, 20)) {
        lines.push(
          `    ${letter.queue} ${letter.orderId ?? '(no order)'} [${letter.cause}]: ${letter.explanation ?? 'UNEXPLAINED'}`,
        );
      }
      if (result.deadLetters.length > 20) lines.push(`    … ${result.deadLetters.length - 20} more`);
    }
    lines.push('  invariants:');
    for (const invariant of result.invariants) {
      const shown = invariant.violations.slice(0, 10).join('; ');
      const more = invariant.violations.length > 10 ? ` (+${invariant.violations.length - 10} more)` : '';
      lines.push(`    ${invariant.holds ? '✔' : '✘'} ${invariant.name}${invariant.holds ? '' : `: ${shown}${more}`}`);
    }
  }
  lines.push(
    '',
    `wall time: ${(report.wallMs / 1000).toFixed(1)} s · invariants ${report.invariantsHold ? 'hold' : 'BROKEN'}`,
  );
  return lines.join('\n');
}
