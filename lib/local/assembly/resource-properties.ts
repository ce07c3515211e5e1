import type { AssemblyWarning, PolicyDocument, PolicyStatement, ResourceOrigin } from './app-model';
import type { StackScope, WarningSink } from './intrinsic-resolver';

/**
 * Typed access to the resolved properties of one resource. A property of the wrong type is
 * reported as an `invalid-property` warning and read as absent, so the reader goes on.
 */
export class ResourceProperties {
  constructor(
    readonly scope: StackScope,
    readonly logicalId: string,
    private readonly warn: WarningSink,
  ) {}

  /** Where the resource was declared (for the model's `stackName` / `logicalId`). */
  get origin(): ResourceOrigin {
    return { stackName: this.scope.stackName, logicalId: this.logicalId };
  }

  /** What the model of a named resource starts with: its origin, physical name and `Arn` attribute. */
  get identity(): ResourceOrigin & { readonly name: string; readonly arn: string } {
    return { ...this.origin, name: this.physicalName, arn: String(this.scope.getAtt(this.logicalId, 'Arn')) };
  }

  /** Every property, resolved. */
  all(): Record<string, unknown> {
    const resolved = this.scope.resolve(
      this.scope.stack.template.Resources?.[this.logicalId]?.Properties ?? {},
      this.logicalId,
    );
    return (resolved ?? {}) as Record<string, unknown>;
  }

  /** A property, resolved; `undefined` when absent. */
  value(name: string): unknown {
    return this.scope.property(this.logicalId, name);
  }

  string(name: string): string | undefined {
    return this.typed(name, this.value(name), (value) => (typeof value === 'string' ? value : undefined), 'a string');
  }

  number(name: string): number | undefined {
    return this.typed(name, this.value(name), toNumber, 'a number');
  }

  boolean(name: string): boolean | undefined {
    return this.typed(name, this.value(name), toBoolean, 'a boolean');
  }

  stringList(name: string): string[] {
    const value = this.value(name);
    return (
      this.typed(
        name,
        value,
        (list) => (Array.isArray(list) && list.every((item) => typeof item === 'string') ? list : undefined),
        'a list of strings',
      ) ?? []
    );
  }

  record(name: string): Record<string, unknown> | undefined {
    return this.typed(name, this.value(name), toRecord, 'an object');
  }

  /** The physical name of the resource (name property, or generated). */
  get physicalName(): string {
    return this.scope.physicalName(this.logicalId);
  }

  /** Records a warning about this resource. */
  report(code: AssemblyWarning['code'], message: string): void {
    this.warn({ code, message, stackName: this.scope.stackName, logicalId: this.logicalId });
  }

  private typed<T>(
    name: string,
    value: unknown,
    convert: (value: unknown) => T | undefined,
    expected: string,
  ): T | undefined {
    if (value === undefined) {
      return undefined;
    }
    const converted = convert(value);
    if (converted === undefined) {
      this.report('invalid-property', `property '${name}' should be ${expected}, got '${JSON.stringify(value)}'`);
    }
    return converted;
  }
}

/** CloudFormation accepts numbers as strings (`"60"`). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

/** CloudFormation accepts booleans as strings (`"true"`). */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return undefined;
}

export function toRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Event patterns and policies may be given as JSON text; the model holds them as objects. */
export function parseJsonIfText(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** A resolved policy document, `Statement` always a list. */
export function toPolicyDocument(value: unknown): PolicyDocument | undefined {
  const document = toRecord(parseJsonIfText(value));
  if (!document) {
    return undefined;
  }
  const statements =
    document.Statement === undefined
      ? []
      : Array.isArray(document.Statement)
        ? document.Statement
        : [document.Statement];
  return {
    ...(typeof document.Version === 'string' ? { Version: document.Version } : {}),
    Statement: statements as PolicyStatement[],
  };
}
