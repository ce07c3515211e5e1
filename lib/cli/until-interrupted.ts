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
    // One listener per signal, so the name is known however the signal was raised.
    const listeners = STOP_SIGNALS.map((name) => [name, () => stop(name)] as const);
    const stop = (signal: NodeJS.Signals) => {
      for (const [name, listener] of listeners) process.off(name, listener);
      resolve(signal);
    };
    for (const [name, listener] of listeners) process.on(name, listener);
  });
}
