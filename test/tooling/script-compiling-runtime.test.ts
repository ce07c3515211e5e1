import { createContext, type Context } from 'node:vm';
import { compileModuleAsScript, compileModulesAsScripts } from '../support/script-compiling-runtime.js';

type ModuleFunction = (...args: unknown[]) => void;

/** A stand-in for Jest 30's module executor: what the runtime reads and replaces of it. */
function fakeExecutor(context: Context | null, coreModules: readonly string[] = []) {
  const jestCompiles: string[] = [];
  const executor = {
    injectedModuleParameters: ['module', 'exports', 'require', '__dirname', '__filename', 'jest'],
    environment: { getVmContext: () => context },
    resolution: { isCoreModule: (name: string) => coreModules.includes(name) },
    dynamicImport: () => Promise.resolve({}),
    compile(_source: string, filename: string): unknown {
      jestCompiles.push(filename);
      return 'compiled by Jest';
    },
  };
  return { executor, jestCompiles };
}

/** The `line:column` of the first stack frame in `file`. */
function positionIn(error: unknown, file: string): string | undefined {
  const frame = String((error as Error).stack)
    .split('\n')
    .find((line) => line.includes(file));
  return /:(\d+:\d+)\)?$/.exec(frame ?? '')?.[1];
}

describe('the script-compiling Jest runtime', () => {
  it('is the runtime of every Jest config of the project', () => {
    // Act
    const { runtime } = jest.requireActual<{ runtime?: string }>('../../jest.base.config.js');

    // Assess
    expect(runtime).toBe('<rootDir>/test/support/script-compiling-runtime.js');
  });

  it('runs a module as a function of the module parameters, in the given context', () => {
    // Prepare
    const context = createContext({ where: 'inside the context' });
    const module = { exports: {} as Record<string, unknown> };

    // Act
    const moduleFunction = compileModuleAsScript('module.exports.where = where; exports.file = __filename;', {
      filename: '/app/where.js',
      parameters: ['module', 'exports', '__filename'],
      context,
    });
    moduleFunction.call(module.exports, module, module.exports, '/app/where.js');

    // Assess
    expect(module.exports).toEqual({ where: 'inside the context', file: '/app/where.js' });
  });

  it.each([
    ['on the first line', "const answer = 42; throw new Error('first');", '1:26'],
    ['on a later line', "const answer = 42;\n\n  throw new Error('third');", '3:9'],
  ])('reports an error thrown %s at its line and column in the file', (_where, source, position) => {
    // Prepare
    const moduleFunction = compileModuleAsScript(source, {
      filename: '/app/thrower.js',
      parameters: ['module', 'exports'],
      context: createContext({ Error }),
    });

    // Act
    let thrown: unknown;
    try {
      moduleFunction({}, {});
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(positionIn(thrown, '/app/thrower.js')).toBe(position);
  });

  it("makes Jest's executor compile through scripts with its own module parameters", () => {
    // Prepare
    const { executor, jestCompiles } = fakeExecutor(createContext({}));
    const module = { exports: {} as Record<string, unknown> };

    // Act
    const replaced = compileModulesAsScripts(executor);
    const moduleFunction = executor.compile('exports.jestObject = typeof jest;', '/app/uses-jest.js') as ModuleFunction;
    moduleFunction.call(module.exports, module, module.exports, undefined, '/app', '/app/uses-jest.js', {});

    // Assess
    expect(replaced).toBe(true);
    expect(module.exports).toEqual({ jestObject: 'object' });
    expect(jestCompiles).toEqual([]);
  });

  it('names a core module as Jest does in stack traces', () => {
    // Prepare
    const { executor } = fakeExecutor(createContext({ Error }), ['fs']);
    compileModulesAsScripts(executor);

    // Act
    let thrown: unknown;
    try {
      (executor.compile("throw new Error('from core');", 'fs') as ModuleFunction)();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(positionIn(thrown, 'jest-nodejs-core-fs')).toBe('1:7');
  });

  it("leaves a syntax error to Jest's own compile, which reports it as Jest does", () => {
    // Prepare
    const { executor, jestCompiles } = fakeExecutor(createContext({}));
    compileModulesAsScripts(executor);

    // Act
    const compiled = executor.compile("import { x } from 'y';", '/app/esm.js');

    // Assess
    expect(compiled).toBe('compiled by Jest');
    expect(jestCompiles).toEqual(['/app/esm.js']);
  });

  it('compiles nothing once the test environment is torn down', () => {
    // Prepare
    const { executor, jestCompiles } = fakeExecutor(null);
    compileModulesAsScripts(executor);

    // Act / Assess
    expect(executor.compile('exports.a = 1;', '/app/late.js')).toBeNull();
    expect(jestCompiles).toEqual([]);
  });

  it('leaves an executor it does not know (another Jest) as it is', () => {
    // Prepare
    const executor = { compile: () => 'compiled by Jest' };

    // Act
    const replaced = compileModulesAsScripts(executor);

    // Assess
    expect(replaced).toBe(false);
    expect(executor.compile()).toBe('compiled by Jest');
  });
});
