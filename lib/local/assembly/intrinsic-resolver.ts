import { isDeepStrictEqual } from 'node:util';
import { formatArn } from '../arn';
import type { AssemblyWarning } from './app-model';
import type { CfnResource, StackInput } from './cfn-template';
import { generatedPhysicalName } from './physical-names';
import { GENERIC_RULES, RESOURCE_TYPE_RULES, resourceUuid, type ResourceIdentity } from './resource-types';

/** `AWS::NoValue`: the member or element it stands in for is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What pseudo parameters and generated ARNs resolve to. */
export interface ResolverEnvironment {
  readonly accountId: string;
  readonly region: string;
  /** The endpoint queue URLs point at, e.g. `http://127.0.0.1:4566`. */
  readonly endpointUrl: string;
  /** Values of template parameters by stack name, overriding their defaults. */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type WarningSink = (warning: AssemblyWarning) => void;

/** Prefix of the text that stands in for a value that could not be resolved. */
export const UNRESOLVED_PREFIX = '<unresolved:';

/**
 * Resolves intrinsic functions across the stacks of one assembly: `Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub` (both forms), `Fn::Select`, `Fn::Split`, `Fn::ImportValue` (CDK's
 * cross-stack exports), `Fn::If` and conditions, `Fn::FindInMap`, `Fn::GetAZs`, `Fn::Base64`,
 * `Fn::ToJsonString`, `Fn::Length` and the pseudo parameters.
 *
 * It never throws on a template: what it cannot resolve becomes the text
 * `<unresolved:...>` and a warning, so one odd resource does not stop the local cloud.
 */
export class AssemblyResolver {
  private readonly scopes = new Map<string, StackScope>();
  private exportIndex?: Map<string, { scope: StackScope; outputName: string }>;
  private readonly importsInProgress = new Set<string>();

  constructor(
    stacks: readonly StackInput[],
    readonly environment: ResolverEnvironment,
    private readonly warn: WarningSink,
  ) {
    for (const stack of stacks) {
      this.scopes.set(stack.stackName, new StackScope(this, stack, environment, warn));
    }
  }

  /** The resolution scope of one stack. */
  scope(stackName: string): StackScope {
    const scope = this.scopes.get(stackName);
    if (!scope) {
      throw new RangeError(`unknown stack '${stackName}'`);
    }
    return scope;
  }

  /** `Fn::ImportValue`: the value some stack exports under `exportName`. */
  importValue(exportName: string, from: StackScope, logicalId?: string): unknown {
    const exported = this.exports().get(exportName);
    if (!exported) {
      return from.unresolved(`no stack exports '${exportName}'`, logicalId);
    }
    if (this.importsInProgress.has(exportName)) {
      return from.unresolved(`circular import of '${exportName}'`, logicalId);
    }
    this.importsInProgress.add(exportName);
    try {
      return exported.scope.output(exported.outputName);
    } finally {
      this.importsInProgress.delete(exportName);
    }
  }

  /** Every export of every stack: export name → output. */
  exports(): Map<string, { scope: StackScope; outputName: string }> {
    if (!this.exportIndex) {
      this.exportIndex = new Map();
      for (const scope of this.scopes.values()) {
        for (const [outputName, output] of Object.entries(scope.stack.template.Outputs ?? {})) {
          if (output.Export === undefined) {
            continue;
          }
          const exportName = scope.resolve(output.Export.Name);
          if (typeof exportName === 'string') {
            this.exportIndex.set(exportName, { scope, outputName });
          } else {
            this.warn({
              code: 'unresolved-reference',
              message: `export name of output '${outputName}' is not a string`,
              stackName: scope.stack.stackName,
            });
          }
        }
      }
    }
    return this.exportIndex;
  }
}

/** Resolution within one stack: its parameters, conditions, resources and outputs. */
export class StackScope {
  private readonly conditionValues = new Map<string, boolean>();
  private readonly identities = new Map<string, ResourceIdentity>();
  private readonly inProgress = new Set<string>();
  private readonly outputs = new Map<string, unknown>();

  constructor(
    private readonly assembly: AssemblyResolver,
    readonly stack: StackInput,
    private readonly environment: ResolverEnvironment,
    private readonly warn: WarningSink,
  ) {}

  get stackName(): string {
    return this.stack.stackName;
  }

  get region(): string {
    return this.environment.region;
  }

  /** The resources of the template whose condition (if any) holds, by logical id. */
  resources(): [string, CfnResource][] {
    return Object.entries(this.stack.template.Resources ?? {}).filter(([logicalId]) => this.includes(logicalId));
  }

  /** Whether the resource exists in the template and its `Condition` (if any) holds. */
  includes(logicalId: string): boolean {
    const resource = this.stack.template.Resources?.[logicalId];
    return resource !== undefined && (resource.Condition === undefined || this.condition(resource.Condition));
  }

  /**
   * Resolves every intrinsic in `value`. `logicalId` names the resource being read, for
   * warnings. Members and elements that resolve to `AWS::NoValue` are dropped.
   */
  resolve(value: unknown, logicalId?: string): unknown {
    if (Array.isArray(value)) {
      return value.map((element) => this.resolve(element, logicalId)).filter((element) => element !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.intrinsic(first[0], first[1], logicalId);
    }
    const resolved: Record<string, unknown> = {};
    for (const [key, member] of entries) {
      const memberValue = this.resolve(member, logicalId);
      if (memberValue !== NO_VALUE) {
        resolved[key] = memberValue;
      }
    }
    return resolved;
  }

  /** A resolved property of a resource, `undefined` when absent. */
  property(logicalId: string, name: string): unknown {
    const raw = this.stack.template.Resources?.[logicalId]?.Properties?.[name];
    if (raw === undefined) {
      return undefined;
    }
    const resolved = this.resolve(raw, logicalId);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** What `Ref` of a resource returns. */
  ref(logicalId: string, from?: string): unknown {
    const identity = this.identity(logicalId, from);
    return identity ? this.rulesOf(logicalId).ref(identity) : this.unresolved(`Ref ${logicalId}`, from);
  }

  /** What `Fn::GetAtt` of a resource returns. */
  getAtt(logicalId: string, attribute: string, from?: string): unknown {
    const identity = this.identity(logicalId, from);
    const read = this.rulesOf(logicalId).attributes[attribute];
    const value = identity && read ? read(identity) : undefined;
    return value ?? this.unresolved(`Fn::GetAtt ${logicalId}.${attribute}`, from);
  }

  /** The physical name of a resource (its name property, or the generated name). */
  physicalName(logicalId: string): string {
    return this.identity(logicalId)?.name ?? this.unresolved(`name of ${logicalId}`, logicalId);
  }

  /** The value of an output, resolved (cached: imports read it often). */
  output(outputName: string): unknown {
    if (!this.outputs.has(outputName)) {
      const output = this.stack.template.Outputs?.[outputName];
      const value =
        output === undefined || (output.Condition !== undefined && !this.condition(output.Condition))
          ? this.unresolved(`output '${outputName}'`)
          : this.resolve(output.Value);
      this.outputs.set(outputName, value);
    }
    return this.outputs.get(outputName);
  }

  /** Whether a named condition of the template holds. */
  condition(name: string): boolean {
    const known = this.conditionValues.get(name);
    if (known !== undefined) {
      return known;
    }
    const expression = this.stack.template.Conditions?.[name];
    if (expression === undefined || this.inProgress.has(`condition:${name}`)) {
      this.unresolved(`condition '${name}'`);
      return false;
    }
    this.inProgress.add(`condition:${name}`);
    try {
      const value = this.evaluateCondition(expression);
      this.conditionValues.set(name, value);
      return value;
    } finally {
      this.inProgress.delete(`condition:${name}`);
    }
  }

  /** Records a warning and returns the placeholder text that stands in for the value. */
  unresolved(what: string, logicalId?: string): string {
    this.warn({
      code: 'unresolved-reference',
      message: `cannot resolve ${what}`,
      stackName: this.stackName,
      ...(logicalId ? { logicalId } : {}),
    });
    return `${UNRESOLVED_PREFIX}${what}>`;
  }

  private evaluateCondition(expression: unknown): boolean {
    if (expression === true || expression === 'true') {
      return true;
    }
    if (expression === null || typeof expression !== 'object') {
      return false;
    }
    const [entry] = Object.entries(expression as Record<string, unknown>);
    if (!entry) {
      return false;
    }
    const [fn, args] = entry;
    const list = Array.isArray(args) ? (args as unknown[]) : [args];
    switch (fn) {
      case 'Condition':
        return this.condition(String(args));
      case 'Fn::Equals':
        return isDeepStrictEqual(this.resolve(list[0]), this.resolve(list[1]));
      case 'Fn::Not':
        return !this.evaluateCondition(list[0]);
      case 'Fn::And':
        return list.every((item) => this.evaluateCondition(item));
      case 'Fn::Or':
        return list.some((item) => this.evaluateCondition(item));
      default:
        return this.resolve(expression) === true;
    }
  }

  private intrinsic(fn: string, args: unknown, logicalId: string | undefined): unknown {
    switch (fn) {
      case 'Ref':
        return this.refName(String(this.resolve(args, logicalId)), logicalId);
      case 'Fn::GetAtt': {
        const [target, attribute] = this.getAttArgs(args, logicalId);
        return this.getAtt(target, attribute, logicalId);
      }
      case 'Fn::Join': {
        const [delimiter, list] = this.listArgs(fn, args, logicalId);
        const items = this.resolve(list, logicalId);
        return Array.isArray(items)
          ? items.map((item) => this.text(item, logicalId)).join(String(delimiter))
          : this.unresolved(`Fn::Join of a non-list`, logicalId);
      }
      case 'Fn::Sub':
        return this.sub(args, logicalId);
      case 'Fn::Select': {
        const [index, list] = this.listArgs(fn, args, logicalId);
        const items = this.resolve(list, logicalId);
        const position = Number(this.resolve(index, logicalId));
        return Array.isArray(items) && Number.isInteger(position) && position >= 0 && position < items.length
          ? items[position]
          : this.unresolved(`Fn::Select ${String(position)} out of range`, logicalId);
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.listArgs(fn, args, logicalId);
        return this.text(this.resolve(source, logicalId), logicalId).split(String(delimiter));
      }
      case 'Fn::ImportValue':
        return this.assembly.importValue(this.text(this.resolve(args, logicalId), logicalId), this, logicalId);
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = Array.isArray(args) ? (args as unknown[]) : [];
        return this.resolve(this.condition(String(condition)) ? whenTrue : whenFalse, logicalId);
      }
      case 'Fn::FindInMap': {
        const [map, top, second, defaults] = (Array.isArray(args) ? args : []).map((item: unknown) =>
          this.resolve(item, logicalId),
        );
        const found = this.stack.template.Mappings?.[String(map)]?.[String(top)]?.[String(second)];
        const fallback = (defaults as { DefaultValue?: unknown } | undefined)?.DefaultValue;
        return (
          found ??
          fallback ??
          this.unresolved(`Fn::FindInMap ${String(map)}.${String(top)}.${String(second)}`, logicalId)
        );
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.environment.region}${zone}`);
      case 'Fn::Base64':
        return Buffer.from(this.text(this.resolve(args, logicalId), logicalId)).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(args, logicalId));
      case 'Fn::Length': {
        const items = this.resolve(args, logicalId);
        return Array.isArray(items) ? items.length : this.unresolved('Fn::Length of a non-list', logicalId);
      }
      default:
        return this.unresolved(fn, logicalId);
    }
  }

  /** `Ref` of a pseudo parameter, a parameter or a resource. */
  private refName(name: string, logicalId: string | undefined): unknown {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) {
      return pseudo;
    }
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter) {
      const value = this.environment.parameters?.[this.stackName]?.[name] ?? parameter.Default;
      if (value === undefined) {
        return this.unresolved(`parameter '${name}' (no value, no default)`, logicalId);
      }
      return /^(List<|CommaDelimitedList)/.test(parameter.Type) && typeof value === 'string' ? value.split(',') : value;
    }
    return this.ref(name, logicalId);
  }

  private pseudoParameter(name: string): unknown {
    const { accountId, region } = this.environment;
    switch (name) {
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.stackName;
      case 'AWS::StackId':
        return formatArn('cloudformation', region, `stack/${this.stackName}/${resourceUuid(this.stackName, '')}`);
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  private sub(args: unknown, logicalId: string | undefined): unknown {
    const [template, variables] = Array.isArray(args) ? (args as unknown[]) : [args, {}];
    if (typeof template !== 'string') {
      return this.unresolved('Fn::Sub of a non-string', logicalId);
    }
    const values = (variables ?? {}) as Record<string, unknown>;
    return template.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
      if (expression.startsWith('!')) {
        return `\${${expression.slice(1)}}`;
      }
      const name = expression.trim();
      if (Object.hasOwn(values, name)) {
        return this.text(this.resolve(values[name], logicalId), logicalId);
      }
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return this.text(this.getAtt(name.slice(0, dot), name.slice(dot + 1), logicalId), logicalId);
      }
      return this.text(this.refName(name, logicalId), logicalId);
    });
  }

  private getAttArgs(args: unknown, logicalId: string | undefined): [string, string] {
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      return [args.slice(0, dot), args.slice(dot + 1)];
    }
    const [target, attribute] = Array.isArray(args) ? (args as unknown[]) : [];
    return [String(target), String(this.resolve(attribute, logicalId))];
  }

  private listArgs(fn: string, args: unknown, logicalId: string | undefined): [unknown, unknown] {
    if (!Array.isArray(args) || args.length !== 2) {
      this.unresolved(`${fn} with arguments ${JSON.stringify(args)}`, logicalId);
      return ['', []];
    }
    return [this.resolve(args[0], logicalId), args[1]];
  }

  /** A resolved value as text inside a string (numbers and booleans as CloudFormation prints them). */
  private text(value: unknown, logicalId: string | undefined): string {
    if (typeof value === 'string') {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    return this.unresolved(`a ${Array.isArray(value) ? 'list' : typeof value} used as text`, logicalId);
  }

  private rulesOf(logicalId: string) {
    const type = this.stack.template.Resources?.[logicalId]?.Type ?? '';
    return RESOURCE_TYPE_RULES[type] ?? GENERIC_RULES;
  }

  /** The identity (name, region, properties) the `Ref`/`GetAtt` rules of a resource read. */
  private identity(logicalId: string, from?: string): ResourceIdentity | undefined {
    const known = this.identities.get(logicalId);
    if (known) {
      return known;
    }
    if (!this.includes(logicalId)) {
      this.unresolved(`resource '${logicalId}' (not in the template, or its condition is false)`, from);
      return undefined;
    }
    if (this.inProgress.has(logicalId)) {
      this.unresolved(`circular reference to '${logicalId}'`, from);
      return undefined;
    }
    this.inProgress.add(logicalId);
    try {
      const rules = this.rulesOf(logicalId);
      const base = {
        stackName: this.stackName,
        logicalId,
        region: this.environment.region,
        endpointUrl: this.environment.endpointUrl,
        property: (name: string) => this.property(logicalId, name),
      };
      const explicit = rules.nameProperty ? base.property(rules.nameProperty) : undefined;
      const name =
        typeof explicit === 'string' && explicit !== ''
          ? explicit
          : generatedPhysicalName(this.stackName, logicalId, {
              maxLength: rules.maxNameLength ?? 64,
              suffix: rules.nameSuffix?.(base),
              lowerCase: rules.lowerCaseName,
            });
      const identity: ResourceIdentity = { ...base, name };
      this.identities.set(logicalId, identity);
      return identity;
    } finally {
      this.inProgress.delete(logicalId);
    }
  }
}
