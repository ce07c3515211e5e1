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
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.errors.invalid(this.path + name, value, 'a string');
    return value;
  }

  /** An integer (JSON number; numeric strings are accepted too, as the services do). */
  optionalInteger(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number))
      throw this.errors.invalid(this.path + name, value, 'an integer');
    return number;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.errors.invalid(this.path + name, value, 'a boolean');
    return value;
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw this.errors.invalid(this.path + name, value, 'a list of strings');
    }
    return value as string[];
  }

  optionalStringMap(name: string): Record<string, string> | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) {
      throw this.errors.invalid(this.path + name, value, 'a map of strings');
    }
    return value as Record<string, string>;
  }

  /** A map of objects, each wrapped as `RequestParams` (for structures keyed by name). */
  optionalObjectMap(name: string): Record<string, RequestParams> | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value) || Object.values(value).some((item) => !isObject(item))) {
      throw this.errors.invalid(this.path + name, value, 'a map of structures');
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        new RequestParams(item as Record<string, unknown>, this.errors, `${this.path}${name}.${key}.`),
      ]),
    );
  }

  optionalObject(name: string): RequestParams | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw this.errors.invalid(this.path + name, value, 'a structure');
    return new RequestParams(value, this.errors, `${this.path}${name}.`);
  }

  /** A list of structures; `required` throws `missing` when absent. */
  objectList(name: string, required: boolean): RequestParams[] {
    const value = this.raw[name];
    if (value === undefined || value === null) {
      if (required) throw this.errors.missing(this.path + name);
      return [];
    }
    if (!Array.isArray(value) || value.some((item) => !isObject(item))) {
      throw this.errors.invalid(this.path + name, value, 'a list of structures');
    }
    return value.map(
      (item, index) =>
        new RequestParams(item as Record<string, unknown>, this.errors, `${this.path}${name}.${index + 1}.`),
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
