/** Something the local cloud started and must stop: a service, a server, a poller. */
interface Closeable {
  readonly name: string;
  readonly close: () => void | Promise<void>;
}

/**
 * The one ordered list of what a local cloud has to close. Each part is added as it is built,
 * and closed in the reverse order: what was built later depends on what was built before it
 * (the pollers on the functions, the functions on the endpoint, the endpoint on the services),
 * so it stops first. A start that fails half-way closes exactly what it had built.
 *
 * @example
 * const sqs = closeables.add('sqs', new LocalSqs({ clock, trace }), (sqs) => sqs.close());
 * // ...
 * await closeables.closeAll();
 */
export class Closeables {
  private readonly opened: Closeable[] = [];
  private closing?: Promise<void>;

  /** Adds `part` to close with `close`, and returns it. */
  add<T>(name: string, part: T, close: (part: T) => void | Promise<void>): T {
    this.opened.push({ name, close: () => close(part) });
    return part;
  }

  /** Closes everything, newest first; safe to call twice. A failure to close one part does not keep the others open. */
  closeAll(): Promise<void> {
    this.closing ??= this.closeInReverse();
    return this.closing;
  }

  private async closeInReverse(): Promise<void> {
    const failures: Error[] = [];
    for (const part of [...this.opened].reverse()) {
      try {
        await part.close();
      } catch (error) {
        failures.push(new Error(`could not close ${part.name}: ${(error as Error).message}`, { cause: error }));
      }
    }
    const [only] = failures;
    if (only && failures.length === 1) throw only;
    if (failures.length > 1) throw new AggregateError(failures, 'could not close the local cloud');
  }
}
