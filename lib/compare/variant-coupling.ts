import { VARIANT_NAMING, type Variant } from '../contracts';
import type { AppModel, PolicyStatement, ResourceOrigin } from '../local/assembly';

/**
 * How coupled a variant's design is, read from the synthesized app: for each component (a
 * stack: `bus`, `orders`, ..., `workflow`), the rules it declares, the IAM grants its roles hold,
 * and the other components whose resources it names (in function environments, IAM policies,
 * rule targets and state machine definitions).
 */

/** One IAM grant: the actions a role may take on one resource. */
export interface Grant {
  readonly role: string;
  readonly actions: readonly string[];
  readonly resource: string;
}

export interface ComponentCoupling {
  /** The stack's part name, lower case: `orders`, `bus`, `workflow`. */
  readonly component: string;
  /** Rules the component declares, with the detail types each listens to. */
  readonly rules: readonly { readonly name: string; readonly detailTypes: readonly string[] }[];
  readonly grants: readonly Grant[];
  /** Other components whose resources this one names, sorted. */
  readonly knows: readonly string[];
  /** The resources of other components it names (ARNs or names), sorted. */
  readonly referencedResources: readonly string[];
}

export interface VariantCoupling {
  readonly variant: Variant;
  readonly components: readonly ComponentCoupling[];
  readonly totals: {
    readonly rules: number;
    /** Action × resource pairs over every role. */
    readonly grants: number;
    /** Component → other component edges. */
    readonly componentReferences: number;
    /** Resources of other components named, counted per component. */
    readonly resourceReferences: number;
  };
}

/** Components that only observe the saga (dashboards, alarms): left out of the coupling. */
const OBSERVERS: ReadonlySet<string> = new Set(['operations']);

/** Reads the coupling of one variant's components from the app model. */
export function measureCoupling(model: AppModel, variant: Variant): VariantCoupling {
  const componentOf = (origin: ResourceOrigin) => componentOfStack(origin.stackName, variant);
  const owners = resourceOwners(model, componentOf);
  const components = new Map<
    string,
    { rules: ComponentCoupling['rules'][number][]; grants: Grant[]; texts: string[] }
  >();
  const entry = (component: string) => {
    let found = components.get(component);
    if (!found) {
      found = { rules: [], grants: [], texts: [] };
      components.set(component, found);
    }
    return found;
  };
  const stacks = model.stacks
    .map((stack) => stack.stackName)
    .filter((name) => componentOfStack(name, variant) !== undefined);
  for (const name of stacks) {
    const component = componentOfStack(name, variant)!;
    if (!OBSERVERS.has(component)) entry(component);
  }

  for (const rule of model.rules) {
    const component = componentOf(rule);
    if (component === undefined || OBSERVERS.has(component)) continue;
    const target = entry(component);
    target.rules.push({ name: rule.name, detailTypes: detailTypesOf(rule.eventPattern) });
    target.texts.push(
      rule.eventBusName,
      rule.eventBusArn,
      ...rule.targets.flatMap((t) => [t.arn, t.deadLetterArn ?? '']),
    );
  }
  for (const role of model.roles) {
    const component = componentOf(role);
    if (component === undefined || OBSERVERS.has(component)) continue;
    const target = entry(component);
    for (const statement of role.policies.flatMap((policy) => policy.document.Statement)) {
      if (statement.Effect !== 'Allow') continue;
      const actions = asList(statement.Action);
      for (const resource of asList(statement.Resource)) {
        target.grants.push({ role: role.name, actions, resource });
        target.texts.push(resource);
      }
    }
  }
  for (const fn of model.functions) {
    const component = componentOf(fn);
    if (component === undefined || OBSERVERS.has(component)) continue;
    entry(component).texts.push(...Object.values(fn.environment));
  }
  for (const machine of model.stateMachines) {
    const component = componentOf(machine);
    if (component === undefined || OBSERVERS.has(component)) continue;
    entry(component).texts.push(...stringsIn(parseJson(machine.definition)));
  }

  const result: ComponentCoupling[] = [...components.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([component, found]) => {
      const referenced = new Map<string, string>();
      for (const text of found.texts) {
        const owner = ownerOf(text, owners);
        if (owner && owner.component !== component) referenced.set(owner.identifier, owner.component);
      }
      return {
        component,
        rules: found.rules,
        grants: found.grants,
        knows: [...new Set(referenced.values())].sort(),
        referencedResources: [...referenced.keys()].sort(),
      };
    });
  return {
    variant,
    components: result,
    totals: {
      rules: result.reduce((sum, c) => sum + c.rules.length, 0),
      grants: result.reduce((sum, c) => sum + c.grants.reduce((n, grant) => n + grant.actions.length, 0), 0),
      componentReferences: result.reduce((sum, c) => sum + c.knows.length, 0),
      resourceReferences: result.reduce((sum, c) => sum + c.referencedResources.length, 0),
    },
  };
}

/** `Choreography-Orders` → `orders` (also `dev-Choreography-Orders`); undefined for another variant. */
export function componentOfStack(stackName: string, variant: Variant): string | undefined {
  const marker = `${VARIANT_NAMING[variant].stackPrefix}-`;
  let part: string;
  if (stackName.startsWith(marker)) {
    part = stackName.slice(marker.length);
  } else {
    const staged = stackName.indexOf(`-${marker}`);
    if (staged < 0) return undefined;
    part = stackName.slice(staged + 1 + marker.length);
  }
  return part === '' ? undefined : part.toLowerCase();
}

interface OwnedResource {
  readonly component: string;
  /** How the resource is named in the report: its ARN. */
  readonly identifier: string;
}

/** Every named resource of the app (ARN, name and, for queues, URL) → the component that declares it. */
function resourceOwners(
  model: AppModel,
  componentOf: (origin: ResourceOrigin) => string | undefined,
): Map<string, OwnedResource> {
  const owners = new Map<string, OwnedResource>();
  const add = (origin: ResourceOrigin, arn: string, ...aliases: string[]) => {
    const component = componentOf(origin);
    if (component === undefined) return;
    for (const key of [arn, ...aliases]) owners.set(key, { component, identifier: arn });
  };
  for (const bus of model.buses) add(bus, bus.arn, bus.name);
  for (const queue of model.queues) add(queue, queue.arn, queue.name, queue.url);
  for (const table of model.tables) add(table, table.arn, table.name);
  for (const fn of model.functions) add(fn, fn.arn, fn.name);
  for (const machine of model.stateMachines) add(machine, machine.arn, machine.name);
  for (const group of model.logGroups) add(group, group.arn, group.name);
  return owners;
}

/** The resource a string names: exactly, or as an ARN with a suffix (`function:x:*`, `log-group:x:*`). */
function ownerOf(text: string, owners: ReadonlyMap<string, OwnedResource>): OwnedResource | undefined {
  const exact = owners.get(text);
  if (exact) return exact;
  if (!text.startsWith('arn:')) return undefined;
  for (let cut = text.lastIndexOf(':'); cut > 0; cut = text.lastIndexOf(':', cut - 1)) {
    const owner = owners.get(text.slice(0, cut));
    if (owner) return owner;
  }
  return undefined;
}

function detailTypesOf(pattern: unknown): string[] {
  const detailType = (pattern as { 'detail-type'?: unknown } | undefined)?.['detail-type'];
  return Array.isArray(detailType) ? detailType.filter((value): value is string => typeof value === 'string') : [];
}

function asList(value: PolicyStatement['Action']): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Every string value in a JSON value. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
