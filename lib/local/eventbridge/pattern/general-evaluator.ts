import { fieldReader, hasLeafAtPath, isJsonObject } from './event-access';
import { compileLeaf, LeafResult } from './leaf-matcher';
import type { FieldPattern } from './pattern-ast';

/**
 * The general evaluator of a branch: closures over the pattern tree that handle every event
 * shape, arrays of objects included. Fields are grouped back into the event's shape, so a nested
 * pattern object is matched against one object at a time: when the event holds an array of
 * objects there, one element must satisfy all of the fields below it (event-ruler's array
 * consistency). `exists: false` is the exception and is answered for the whole event. The
 * generated fast path (branch-codegen.ts) hands the subtrees under arrays of objects to it.
 */

/** A node of the pattern tree: leaf fields and nested objects, keyed by event field name. */
export interface PatternNode {
  readonly leaves: Map<string, FieldPattern>;
  readonly children: Map<string, PatternNode>;
}

/** A test of one pattern node against the object at its place (undefined when there is none). */
export type NodeTest = (object: Record<string, unknown> | undefined, root: unknown, inArray: boolean) => boolean;

function emptyNode(): PatternNode {
  return { leaves: new Map(), children: new Map() };
}

/** Groups a branch's fields into the event's shape. */
export function buildTree(fields: readonly FieldPattern[]): PatternNode {
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

/** The test of the subtree under `key` of an object, whatever the event holds there. */
export function compileChildStep(key: string, node: PatternNode): NodeTest {
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

/** The test of a whole node: every leaf and every child must hold. */
export function compileNode(node: PatternNode): NodeTest {
  const steps: NodeTest[] = [];
  for (const [key, field] of node.leaves) steps.push(compileLeafStep(key, field));
  for (const [key, child] of node.children) steps.push(compileChildStep(key, child));
  if (steps.length === 0) return () => true;
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
