import type { Context, Script } from 'node:vm';

/** Compiles a CommonJS module's source as a function of `parameters` in `context` (see the .js file). */
export function compileModuleAsScript(
  source: string,
  options: {
    filename: string;
    parameters: readonly string[];
    context: Context;
    importModuleDynamically?: (specifier: string, script: Script, attributes: ImportAttributes) => Promise<unknown>;
  },
): (...args: unknown[]) => unknown;

/** Makes a Jest 30 module executor compile through scripts; false when the executor is not one. */
export function compileModulesAsScripts(executor: unknown): boolean;
