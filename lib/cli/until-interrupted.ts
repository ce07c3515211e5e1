/** The signals that end a command that keeps something running: Ctrl-C, and `kill`. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Resolves at the first SIGINT or SIGTERM, with the signal's name. While it waits, those signals
 * no longer end the process on their own (a listener replaces Node's default), so the caller can
 * shut down in order; the listeners are removed when it resolves, so a second Ctrl-C during a
 * slow shutdown ends the process as usual.
 *
 * @example
 * context.note('Ctrl-C stops it.');
 * await untilInterrupted();
 */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) process.off(name, stop);
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, stop);
  });
}
