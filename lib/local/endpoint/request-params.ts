/** How a service reports a missing or mistyped parameter (each service has its own codes). */
export interface ParameterErrors {
  missing(name: string): Error;
  invalid(name: string, value: unknown, expected: string): Error;
}

/**
 * Typed access to the members of a JSON protocol request, throwing the service's own errors
 * when a required member is missing or a member has the wrong type.
 */
export class RequestParams {
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    private readonly errors: ParameterErrors,
    private readonly path = '',
  ) {}

  /** A required non-empty string. */
  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') {
      throw this.errors.missing(this.path + name);
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.optional(name, 'a string', (value) => (typeof value === 'string' ? value : undefined));
  }

  /** An integer (JSON number; numeric strings are accepted too, as the services do). */
  optionalInteger(name: string): number | undefined {
    return this.optional(name, 'an integer', (value) => {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
    });
  }

  optionalBoolean(name: string): boolean | undefined {
    return this.optional(name, 'a boolean', (value) => (typeof value === 'boolean' ? value : undefined));
  }

  optionalStringList(name: string): string[] | undefined {
    return this.optional(name, 'a list of strings', (value) =>
      Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined,
    );
  }

  optionalStringMap(name: string): Record<string, string> | undefined {
    return this.optional(name, 'a map of strings', (value) =>
      isObject(value) && Object.values(value).every((item) => typeof item === 'string')
        ? (value as Record<string, string>)
        : undefined,
    );
  }

  /** A map of objects, each wrapped as `RequestParams` (for structures keyed by name). */
  optionalObjectMap(name: string): Record<string, RequestParams> | undefined {
    const map = this.optional(name, 'a map of structures', (value) =>
      isObject(value) && Object.values(value).every(isObject)
        ? (value as Record<string, Record<string, unknown>>)
        : undefined,
    );
    if (map === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(map).map(([key, item]) => [
        key,
        new RequestParams(item, this.errors, `${this.path}${name}.${key}.`),
      ]),
    );
  }

  optionalObject(name: string): RequestParams | undefined {
    const value = this.optional(name, 'a structure', (value) => (isObject(value) ? value : undefined));
    return value === undefined ? undefined : new RequestParams(value, this.errors, `${this.path}${name}.`);
  }

  /** A list of structures; `required` throws `missing` when absent. */
  objectList(name: string, required: boolean): RequestParams[] {
    const list = this.optional(name, 'a list of structures', (value) =>
      Array.isArray(value) && value.every(isObject) ? value : undefined,
    );
    if (list === undefined) {
      if (required) throw this.errors.missing(this.path + name);
      return [];
    }
    return list.map((item, index) => new RequestParams(item, this.errors, `${this.path}${name}.${index + 1}.`));
  }

  /**
   * The member `name` as `read` takes it, or `undefined` when it is absent (or null); the
   * service's `invalid` error naming `expected` when `read` cannot take it.
   */
  private optional<T>(name: string, expected: string, read: (value: unknown) => T | undefined): T | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const taken = read(value);
    if (taken === undefined) throw this.errors.invalid(this.path + name, value, expected);
    return taken;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
