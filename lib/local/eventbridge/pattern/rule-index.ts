import { generateBucketMatcher, type BucketMatcher } from './branch-codegen';
import { compileBranch, type BranchTest } from './branch-matcher';
import { fieldReader, isJsonObject, valuesAtPath, type FieldReader } from './event-access';
import { looksLikeIp } from './ip-address';
import { parseEventPattern } from './parse-event-pattern';
import { compileStringSwitch, type StringSwitch } from './string-switch';
import type { FieldPattern, PatternBranch } from './pattern-ast';

interface RuleEntry<T> {
  readonly id: string;
  readonly seq: number;
  readonly value: T;
  /** The number of the last match() call that matched this rule (de-duplicates branches). */
  stamp: number;
  readonly branches: IndexedBranch<T>[];
}

interface IndexedBranch<T> {
  readonly rule: RuleEntry<T>;
  /** The branch minus the constraints the index lookup already guarantees. */
  readonly residual: PatternBranch;
  readonly unindex: () => void;
}

/**
 * The branches filed under one value, compiled into one generated function the first time an
 * event needs it after a change.
 */
class Bucket<T> {
  private entries: IndexedBranch<T>[] = [];
  private compiled: BucketMatcher<RuleEntry<T>> | undefined;

  get size(): number {
    return this.entries.length;
  }

  add(branch: IndexedBranch<T>): void {
    // The compiled matcher copied what it needs, so the list can change under it.
    this.entries.push(branch);
    this.compiled = undefined;
  }

  delete(branch: IndexedBranch<T>): void {
    this.entries = this.entries.filter((b) => b !== branch);
    this.compiled = undefined;
  }

  /** The matcher of the branches here (appending the rules not matched yet in this round). */
  get matcher(): BucketMatcher<RuleEntry<T>> {
    return (this.compiled ??= generateBucketMatcher(this.entries));
  }
}

/**
 * Branches with no exact value to file them under, grouped by the same top-level `source` and
 * `detail-type` constraints (say `{"prefix": "shop."}`): the gate is tested once per event for
 * the whole group, and only then the rest of each member.
 */
interface ScanGroup<T> {
  readonly gate: BranchTest;
  readonly members: Bucket<T>;
}

/** Index on a field other than source/detail-type, kept only while some branch uses it. */
interface PathIndex<T> {
  readonly path: readonly string[];
  /** The value at the path as valueAtPlainPath reads it, specialised for the common one-key path. */
  readonly read: (event: Record<string, unknown>) => unknown;
  readonly buckets: Map<string, Bucket<T>>;
  /** `buckets` compiled into a switch, rebuilt on the first match after a change of rules. */
  lookup: StringSwitch<Bucket<T>> | undefined;
}

/**
 * The first-level maps compiled into switches (string-switch.ts), so that matching an event does
 * not hash its fresh `source` and `detail-type` strings; rebuilt on the first match after a change.
 */
interface Switches<T> {
  readonly bySource: StringSwitch<Bucket<T>>;
  readonly byDetailType: StringSwitch<Bucket<T>>;
}

/** The values of matched rules, in the order the rules were added (insertion sort: lists are short). */
function valuesInRuleOrder<T>(matched: RuleEntry<T>[]): T[] {
  const count = matched.length;
  if (count === 0) return [];
  for (let i = 1; i < count; i++) {
    const rule = matched[i] as RuleEntry<T>;
    let j = i - 1;
    while (j >= 0 && (matched[j] as RuleEntry<T>).seq > rule.seq) {
      matched[j + 1] = matched[j] as RuleEntry<T>;
      j--;
    }
    matched[j + 1] = rule;
  }
  const values = new Array<T>(count);
  for (let i = 0; i < count; i++) values[i] = (matched[i] as RuleEntry<T>).value;
  return values;
}

/** The exact strings a field accepts, when its value list is nothing but plain exact strings. */
function exactStrings(field: FieldPattern | undefined): string[] | undefined {
  if (!field) return undefined;
  const values: string[] = [];
  for (const matcher of field.matchers) {
    // IP-shaped strings match other spellings of the same address, so they cannot be hashed.
    if (matcher.kind !== 'exact' || typeof matcher.value !== 'string' || looksLikeIp(matcher.value)) return undefined;
    values.push(matcher.value);
  }
  return [...new Set(values)];
}

function topLevel(branch: PatternBranch, key: string): FieldPattern | undefined {
  return branch.find((field) => field.path.length === 1 && field.path[0] === key);
}

function addTo<K, T>(map: Map<K, Bucket<T>>, key: K, branch: IndexedBranch<T>): () => void {
  let bucket = map.get(key);
  if (!bucket) {
    bucket = new Bucket<T>();
    map.set(key, bucket);
  }
  const target = bucket;
  target.add(branch);
  return () => {
    target.delete(branch);
    if (target.size === 0 && map.get(key) === target) map.delete(key);
  };
}

/** The string leaves of an event value: itself, or the strings of an array (any depth). */
function stringLeaves(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const element of value) stringLeaves(element, into);
  return into;
}

/**
 * The value at a path when no array lies on the way (the common case, read without allocating);
 * null when an array does, so the caller falls back to stringsAtPath; undefined when missing.
 */
function valueAtPlainPath(event: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = event;
  for (const key of path) {
    if (Array.isArray(current)) return null;
    if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A reader of the value at a path with valueAtPlainPath's answers; a one-key path is one property read. */
function plainPathReader(path: readonly string[]): (event: Record<string, unknown>) => unknown {
  // The event is a JSON object, and a JSON value is never undefined: undefined means no own key.
  const readers = path.map(fieldReader);
  const first = readers[0];
  if (first === undefined) return (event) => valueAtPlainPath(event, path);
  if (readers.length === 1) return first;
  return (event) => {
    let current = first(event);
    for (let i = 1; i < readers.length; i++) {
      if (current === undefined) return undefined;
      if (Array.isArray(current)) return null;
      if (!isJsonObject(current)) return undefined;
      current = (readers[i] as FieldReader)(current);
    }
    return current;
  };
}

/** The string leaves at a path, following every element of arrays on the way. */
function stringsAtPath(event: unknown, path: readonly string[]): string[] {
  const strings: string[] = [];
  for (const value of valuesAtPath(event, path)) stringLeaves(value, strings);
  return strings;
}

/**
 * Many rules, compiled once, matched many times. Each `$or` branch of each rule is filed under
 * the exact values it demands: its `source` when it names exact ones (the `detail-type` test,
 * if any, then comes first in what remains to test), else its `detail-type`, else some other
 * field with exact string values; only branches with no exact string constraint at all are
 * tried on every event, grouped by their source/detail-type tests so that each distinct test
 * runs once. The branches filed under one value (a bucket) are
 * compiled together, lazily after a change, into one generated function that reads each event
 * field they test once (branch-codegen.ts). Matching an event therefore costs a few lookups
 * and a few calls, plus the residual tests of the rules filed under its values (under its
 * source, only those naming its detail type or none), whatever the number of rules.
 *
 * @example
 * const index = new RuleIndex<string>();
 * index.add('r1', { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] }, 'orders-queue');
 * index.match(JSON.parse(eventText)); // ['orders-queue']
 */
export class RuleIndex<T> {
  private readonly rules = new Map<string, RuleEntry<T>>();
  private readonly bySource = new Map<string, Bucket<T>>();
  private readonly byDetailType = new Map<string, Bucket<T>>();
  private readonly byPath = new Map<string, PathIndex<T>>();
  /** byPath's values as an array, for iteration without an iterator on every match. */
  private pathIndexes: PathIndex<T>[] = [];
  private readonly scanGroups = new Map<string, ScanGroup<T>>();
  /** scanGroups' values as an array, for iteration without an iterator on every match. */
  private scanned: ScanGroup<T>[] = [];
  private switches: Switches<T> | undefined;
  private seq = 0;
  private stamp = 0;

  /** The number of rules held. */
  get size(): number {
    return this.rules.size;
  }

  /**
   * Adds (or replaces) a rule. Throws InvalidEventPatternError, leaving the index unchanged, when
   * AWS would refuse the pattern.
   */
  add(id: string, pattern: unknown, value: T): void {
    const { branches } = parseEventPattern(pattern);
    this.remove(id);
    const rule: RuleEntry<T> = { id, seq: this.seq++, value, stamp: 0, branches: [] };
    for (const branch of branches) rule.branches.push(this.indexBranch(rule, branch));
    this.rules.set(id, rule);
    this.invalidateSwitches();
  }

  /** Removes a rule; removing an unknown id does nothing. */
  remove(id: string): void {
    const rule = this.rules.get(id);
    if (!rule) return;
    rule.branches.forEach((branch) => branch.unindex());
    this.rules.delete(id);
    this.invalidateSwitches();
  }

  /** Forgets the compiled switches: a bucket may have appeared or gone under any key. */
  private invalidateSwitches(): void {
    this.switches = undefined;
    for (const index of this.pathIndexes) index.lookup = undefined;
  }

  private compileSwitches(): Switches<T> {
    return {
      bySource: compileStringSwitch(this.bySource),
      byDetailType: compileStringSwitch(this.byDetailType),
    };
  }

  /**
   * The values of the rules whose pattern matches the event, in the order the rules were added.
   * `event` is the parsed event (its JSON text is accepted too and parsed first).
   */
  match(event: unknown): T[] {
    const parsed = typeof event === 'string' ? (JSON.parse(event) as unknown) : event;
    const stamp = ++this.stamp;
    const matched: RuleEntry<T>[] = [];
    if (isJsonObject(parsed)) {
      const source = parsed['source'];
      const detailType = parsed['detail-type'];
      if (typeof source === 'string' && typeof detailType === 'string') {
        // The envelope's shape: one lookup in each switch.
        const switches = (this.switches ??= this.compileSwitches());
        this.run(switches.bySource(source), parsed, stamp, matched);
        this.run(switches.byDetailType(detailType), parsed, stamp, matched);
      } else {
        const sources = stringLeaves(source, []);
        const detailTypes = stringLeaves(detailType, []);
        for (const s of sources) this.run(this.bySource.get(s), parsed, stamp, matched);
        for (const d of detailTypes) this.run(this.byDetailType.get(d), parsed, stamp, matched);
      }
      const pathIndexes = this.pathIndexes;
      for (let i = 0; i < pathIndexes.length; i++) {
        const index = pathIndexes[i] as PathIndex<T>;
        const direct = index.read(parsed);
        if (typeof direct === 'string')
          this.run((index.lookup ??= compileStringSwitch(index.buckets))(direct), parsed, stamp, matched);
        else if (direct !== undefined) {
          for (const value of stringsAtPath(parsed, index.path))
            this.run(index.buckets.get(value), parsed, stamp, matched);
        }
      }
    }
    const scanned = this.scanned;
    for (let i = 0; i < scanned.length; i++) {
      const group = scanned[i] as ScanGroup<T>;
      if (group.gate(parsed)) this.run(group.members, parsed, stamp, matched);
    }

    return valuesInRuleOrder(matched);
  }

  /** Tests the branches of one bucket, recording each rule the first time one of its branches matches. */
  private run(bucket: Bucket<T> | undefined, event: unknown, stamp: number, matched: RuleEntry<T>[]): void {
    if (bucket !== undefined) bucket.matcher(event, stamp, matched);
  }

  /** Files one branch under the exact values it demands and returns its handle. */
  private indexBranch(rule: RuleEntry<T>, branch: PatternBranch): IndexedBranch<T> {
    const sourceField = topLevel(branch, 'source');
    const typeField = topLevel(branch, 'detail-type');
    const sources = exactStrings(sourceField);
    const types = exactStrings(typeField);
    const without = (...fields: (FieldPattern | undefined)[]): PatternBranch =>
      branch.filter((field) => !fields.includes(field));

    const unindexers: (() => void)[] = [];
    let placements: ((indexed: IndexedBranch<T>) => void)[];
    let residual: PatternBranch;
    if (sources) {
      // With a detail-type test too, the branch still goes under its source alone, its
      // detail-type test first in the residual: one generated function per source then covers
      // every rule naming that source, so an event runs one warm function instead of one more,
      // mostly cold, function per (source, detail type) bucket (bench/README.md, "Measurements
      // behind design choices"). The cost: an event compares its detail type with each distinct
      // set of detail types named under its source (one guard per set, branch-codegen.ts),
      // linear in those sets per source instead of constant.
      residual = typeField ? [typeField, ...without(sourceField, typeField)] : without(sourceField);
      placements = sources.map((s) => (indexed: IndexedBranch<T>) => unindexers.push(addTo(this.bySource, s, indexed)));
    } else if (types) {
      residual = without(typeField);
      placements = types.map(
        (d) => (indexed: IndexedBranch<T>) => unindexers.push(addTo(this.byDetailType, d, indexed)),
      );
    } else {
      const field = branch.find((candidate) => exactStrings(candidate) !== undefined);
      if (field) {
        // Another field with exact strings; it stays in the residual test because, under arrays
        // of objects, it must hold in the same element as its sibling fields.
        residual = branch;
        placements = (exactStrings(field) ?? []).map(
          (value) => (indexed: IndexedBranch<T>) => this.fileUnderPath(field.path, value, indexed, unindexers),
        );
      } else {
        const gateFields = [sourceField, typeField].filter((f): f is FieldPattern => f !== undefined);
        residual = without(...gateFields);
        placements = [(indexed: IndexedBranch<T>) => this.fileForScanning(gateFields, indexed, unindexers)];
      }
    }
    const indexed: IndexedBranch<T> = { rule, residual, unindex: () => unindexers.forEach((unindex) => unindex()) };
    placements.forEach((place) => place(indexed));
    return indexed;
  }

  private fileUnderPath(
    path: readonly string[],
    value: string,
    indexed: IndexedBranch<T>,
    unindexers: (() => void)[],
  ): void {
    const key = JSON.stringify(path);
    let pathIndex = this.byPath.get(key);
    if (!pathIndex) {
      pathIndex = { path, read: plainPathReader(path), buckets: new Map(), lookup: undefined };
      this.byPath.set(key, pathIndex);
      this.pathIndexes = [...this.byPath.values()];
    }
    const target = pathIndex;
    const unindex = addTo(target.buckets, value, indexed);
    unindexers.push(() => {
      unindex();
      if (target.buckets.size === 0 && this.byPath.get(key) === target) {
        this.byPath.delete(key);
        this.pathIndexes = [...this.byPath.values()];
      }
    });
  }

  private fileForScanning(
    gateFields: readonly FieldPattern[],
    indexed: IndexedBranch<T>,
    unindexers: (() => void)[],
  ): void {
    const key = JSON.stringify(gateFields.map((field) => [field.path, field.matchers]));
    let group = this.scanGroups.get(key);
    if (!group) {
      group = { gate: compileBranch(gateFields), members: new Bucket<T>() };
      this.scanGroups.set(key, group);
      this.scanned = [...this.scanGroups.values()];
    }
    const target = group;
    target.members.add(indexed);
    unindexers.push(() => {
      target.members.delete(indexed);
      if (target.members.size === 0 && this.scanGroups.get(key) === target) {
        this.scanGroups.delete(key);
        this.scanned = [...this.scanGroups.values()];
      }
    });
  }
}
