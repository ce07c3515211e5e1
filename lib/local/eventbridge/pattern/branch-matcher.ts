import { generateBranchTest } from './branch-codegen';
import { isJsonObject } from './event-access';
import { buildTree, compileNode } from './general-evaluator';
import type { PatternBranch } from './pattern-ast';

/**
 * Compiles one `$or`-free branch into a test of the parsed event: the generated fast path
 * (branch-codegen.ts), which hands arrays of objects to the general evaluator
 * (general-evaluator.ts).
 */
export type BranchTest = (event: unknown) => boolean;

/** Compiles a branch (or what is left of one after indexing) into a test of a parsed event. */
export function compileBranch(branch: PatternBranch): BranchTest {
  if (branch.length === 0) return () => true;
  return generateBranchTest(buildTree(branch));
}

/** The general evaluator alone (no generated fast path), for tests that compare the two. */
export function compileBranchWithoutCodegen(branch: PatternBranch): BranchTest {
  if (branch.length === 0) return () => true;
  const test = compileNode(buildTree(branch));
  return (event) => test(isJsonObject(event) ? event : undefined, event, false);
}
