import type { JsonValue } from './json';

/**
 * Workflow variables (`Assign`, `$name`). The top-level states of a state machine share one
 * scope; each Parallel branch and Map iteration runs in a child scope that reads the outer
 * ones, and whatever it assigns stays in it (AWS: "Variables ... in a Map or Parallel state's
 * inner workflow are not visible outside it"; only Output carries data out).
 */
export class VariableScope {
  private readonly values = new Map<string, JsonValue>();

  constructor(private readonly parent?: VariableScope) {}

  /** A scope for a Parallel branch or a Map iteration. */
  child(): VariableScope {
    return new VariableScope(this);
  }

  get(name: string): JsonValue | undefined {
    return this.values.has(name) ? this.values.get(name) : this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Every visible variable, inner ones shadowing outer ones. */
  all(): Record<string, JsonValue> {
    return { ...(this.parent?.all() ?? {}), ...Object.fromEntries(this.values) };
  }

  /** Sets the values a state assigned (they are visible from the next state on). */
  assign(values: Readonly<Record<string, JsonValue>>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }
}
