import { generateBranchTest } from './branch-codegen';
import { fieldReader, hasLeafAtPath, isJsonObject } from './event-access';
import { compileLeaf, LeafResult } from './leaf-matcher';
import type { FieldPattern, PatternBranch } from './pattern-ast';

/**
 * Compiles one `$or`-free branch into a closure over the parsed event. Fields are grouped back
 * into the event's shape, so a nested pattern object is matched against one object at a time:
 * when the event holds an array of objects there, one element must satisfy all of the fields
 * below it (event-ruler's array consistency). `exists: false` is the exception and is answered
 * for the whole event.
 */
export type BranchTest = (event: unknown) => boolean;

type NodeTest = (object: Record<string, unknown> | undefined, root: unknown, inArray: boolean) => boolean;

interface PatternNode {
  readonly leaves: Map<string, FieldPattern>;
  readonly children: Map<string, PatternNode>;
}

function emptyNode(): PatternNode {
  return { leaves: new Map(), children: new Map() };
}

function buildTree(fields: readonly FieldPattern[]): PatternNode {
  const root = emptyNode();
  for (const field of fields) {
    let node = root;
    field.path.slice(0, -1).forEach((key) => {
      let child = node.children.get(key);
      if (!child) {
        child = emptyNode();
        node.children.set(key, child);
      }
      node = child;
    });
    node.leaves.set(field.path[field.path.length - 1] as string, field);
  }
  return root;
}

function compileLeafStep(key: string, field: FieldPattern): NodeTest {
  const read = fieldReader(key);
  const leaf = compileLeaf(field.matchers);
  const path = field.path;
  return (object, root, inArray) => {
    const result = leaf(object === undefined ? undefined : read(object));
    if (result === LeafResult.Pass) return true;
    if (result === LeafResult.Fail) return false;
    // Absent here: under an array another element may still have the field.
    return !inArray || !hasLeafAtPath(root, path);
  };
}

function compileChildStep(key: string, node: PatternNode): NodeTest {
  const read = fieldReader(key);
  const test = compileNode(node);
  const someElement = (array: readonly unknown[], root: unknown, state: { sawObject: boolean }): boolean => {
    for (const element of array) {
      if (Array.isArray(element)) {
        if (someElement(element, root, state)) return true;
      } else if (isJsonObject(element)) {
        state.sawObject = true;
        if (test(element, root, true)) return true;
      }
    }
    return false;
  };
  return (object, root, inArray) => {
    const value = object === undefined ? undefined : read(object);
    if (isJsonObject(value)) return test(value, root, inArray);
    if (Array.isArray(value)) {
      const state = { sawObject: false };
      if (someElement(value, root, state)) return true;
      if (state.sawObject) return false;
    }
    return test(undefined, root, inArray);
  };
}

function compileNode(node: PatternNode): NodeTest {
  const steps: NodeTest[] = [];
  for (const [key, field] of node.leaves) steps.push(compileLeafStep(key, field));
  for (const [key, child] of node.children) steps.push(compileChildStep(key, child));
  if (steps.length === 1) return steps[0] as NodeTest;
  if (steps.length === 2) {
    const [a, b] = steps as [NodeTest, NodeTest];
    return (object, root, inArray) => a(object, root, inArray) && b(object, root, inArray);
  }
  return (object, root, inArray) => {
    for (const step of steps) if (!step(object, root, inArray)) return false;
    return true;
  };
}

/** Compiles a branch (or what is left of one after indexing) into a test of a parsed event. */
export function compileBranch(branch: PatternBranch): BranchTest {
  if (branch.length === 0) return () => true;
  const tree = buildTree(branch);
  const test = compileNode(tree);
  const general: BranchTest = (event) => test(isJsonObject(event) ? event : undefined, event, false);
  return generateBranchTest(tree, general);
}

/** The general evaluator alone (no generated fast path), for tests that compare the two. */
export function compileBranchWithoutCodegen(branch: PatternBranch): BranchTest {
  if (branch.length === 0) return () => true;
  const test = compileNode(buildTree(branch));
  return (event) => test(isJsonObject(event) ? event : undefined, event, false);
}
