// Jest's runtime, but each module is compiled as a `vm.Script` instead of with `vm.compileFunction`.
//
// Every test file loads its modules afresh in a vm context of its own: the AWS SDK, zod, the CDK,
// the local cloud are compiled again for each of ~190 files. V8 keeps a compilation cache per
// process keyed by the source, so the second file that loads a module would get its bytecode
// (and every function compiled lazily since) for free, but `vm.compileFunction`, which Jest 30
// uses, does not look in that cache (nodejs/node#35375; jestjs/jest#15718, "Jest 30 seems to be
// 1.5x slower than v29"). `vm.Script`, which Jest 29 used, does again since Node 20.10/21.1,
// as long as --experimental-vm-modules is off (nodejs/node#50137): the module is wrapped in a
// function expression, as Jest 29 wrapped it, and the script's value is that function.
//
// The 146 test files that take under a second each ran in band in 41 s instead of 53-65 s
// (user CPU 29 s instead of 41-51 s); see bench/README.md for the whole suite.
'use strict';
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** What Jest says of `import()` in CommonJS without --experimental-vm-modules. */
const ESM_UNSUPPORTED =
  'You need to run with a version of node that supports ES Modules in the VM API. See https://jestjs.io/docs/ecmascript-modules';

/** The property of the wrapper object that holds the module function (the name stack traces show). */
const MODULE_FUNCTION = 'Object.<anonymous>';

/**
 * Compiles `source` as the body of a function of `parameters` in `context`, as Jest's
 * `compileFunction` call does, through a `vm.Script` that V8's compilation cache can serve.
 * Stack traces keep the file's lines and columns: the wrapper sits on the first line, and the
 * column offset takes its length back out.
 *
 * @param {string} source the transformed module
 * @param {{ filename: string, parameters: readonly string[], context: vm.Context,
 *   importModuleDynamically?: (specifier: string, script: vm.Script, attributes: ImportAttributes) => Promise<unknown> }} options
 * @returns {Function}
 */
function compileModuleAsScript(source, { filename, parameters, context, importModuleDynamically }) {
  const head = `({${JSON.stringify(MODULE_FUNCTION)}:function(${parameters.join(',')}){`;
  const script = new vm.Script(`${head}${source}\n}});`, {
    filename,
    columnOffset: -head.length,
    ...(importModuleDynamically ? { importModuleDynamically } : {}),
  });
  return script.runInContext(context)[MODULE_FUNCTION];
}

/**
 * Makes Jest's module executor compile through {@link compileModuleAsScript}. `compile`,
 * `injectedModuleParameters`, `environment`, `resolution` and `dynamicImport` are Jest 30's
 * internals (jest-runtime's ModuleExecutor): an executor without them (another Jest) is left as
 * it is, and Jest runs as it would, only slower.
 *
 * @param {any} executor
 * @returns {boolean} whether the executor now compiles scripts
 */
function compileModulesAsScripts(executor) {
  if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) return false;
  const compileFunction = executor.compile.bind(executor);
  executor.compile = (source, filename) => {
    const context = executor.environment.getVmContext();
    if (context == null) return null;
    const scriptFilename = executor.resolution.isCoreModule(filename) ? `jest-nodejs-core-${filename}` : filename;
    try {
      return compileModuleAsScript(source, {
        filename: scriptFilename,
        parameters: executor.injectedModuleParameters,
        context,
        importModuleDynamically: async (specifier, _script, attributes, ...phase) => {
          if (typeof vm.SourceTextModule !== 'function') throw new Error(ESM_UNSUPPORTED);
          return executor.dynamicImport(specifier, scriptFilename, context, attributes, ...phase);
        },
      });
    } catch {
      // A syntax error, or ES module syntax in a CommonJS file: Jest's compile reports it as Jest does.
      return compileFunction(source, filename);
    }
  };
  return true;
}

class ScriptCompilingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    compileModulesAsScripts(this.executor);
  }
}

module.exports = ScriptCompilingRuntime;
module.exports.compileModuleAsScript = compileModuleAsScript;
module.exports.compileModulesAsScripts = compileModulesAsScripts;
