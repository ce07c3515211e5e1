import { build, type BuildOptions } from 'esbuild';
import { ORCHESTRATED_SERVICE_NAMES, SERVICE_NAMES } from '../../lib/contracts';
import { SAGA_FUNCTION_DEFAULTS } from '../../lib/infra/constructs/saga-function-defaults';
import { handlerEntryOf, PROJECT_ROOT } from '../../lib/infra/project-paths';
import { taskEntryOf } from '../../lib/infra/workflow/saga-task-function';

/**
 * Issue 15 ("Small functions"): every function bundle at most 100 KB minified. What counts is
 * the bundle a fresh Node loads on a cold start (index.js); `npm run bench` reports the same
 * bytes from the synthesized assets as `coldstart.<service>.bundle`.
 */
const MAX_BUNDLE_BYTES = 100_000;

const { bundling } = SAGA_FUNCTION_DEFAULTS;

/** The esbuild options NodejsFunction derives from SAGA_FUNCTION_DEFAULTS.bundling (its CLI flags, as build options). */
const CDK_BUNDLING: BuildOptions = {
  bundle: true,
  platform: 'node',
  minify: bundling.minify,
  sourcemap: bundling.sourceMap,
  target: bundling.target,
  format: bundling.format,
  external: [...bundling.externalModules],
  legalComments: bundling.esbuildArgs['--legal-comments'],
};

/** The bytes of the bundle NodejsFunction builds from `entry`. */
async function bundleBytes(entry: string): Promise<number> {
  const { outputFiles } = await build({
    ...CDK_BUNDLING,
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    outdir: 'bundle-size',
    write: false,
    logLevel: 'silent',
  });
  const bundle = outputFiles.find((file) => file.path.endsWith('.js'));
  if (!bundle) throw new Error(`esbuild wrote no .js file for '${entry}'`);
  return bundle.contents.byteLength;
}

describe('function bundles', () => {
  it('are built here with every bundling option the saga functions have', () => {
    // A bundling option added to SAGA_FUNCTION_DEFAULTS must be mirrored in CDK_BUNDLING above.
    expect(Object.keys(bundling).sort()).toEqual([
      'esbuildArgs',
      'externalModules',
      'format',
      'minify',
      'sourceMap',
      'target',
    ]);
    expect(Object.keys(bundling.esbuildArgs)).toEqual(['--legal-comments']);
  });

  it.each(SERVICE_NAMES)(`keeps the %s SQS handler within ${MAX_BUNDLE_BYTES} bytes minified`, async (service) => {
    expect(await bundleBytes(handlerEntryOf(service))).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it.each(ORCHESTRATED_SERVICE_NAMES)(
    `keeps the %s task function within ${MAX_BUNDLE_BYTES} bytes minified`,
    async (service) => {
      expect(await bundleBytes(taskEntryOf(service))).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
    },
  );
});
