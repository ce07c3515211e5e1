import { LocalCloud, type LocalCloudOptions } from '../../lib/local/local-cloud';
import { SAGA_CORRELATOR } from '../../lib/saga/saga-correlator';
import { PROJECT_ROOT, TEST_ASSEMBLY_DIRECTORY } from './test-assembly';

/**
 * A local cloud of the saga's test assembly (synthesized by test/global-setup.ts) on a free port,
 * correlating by order id; `options` add the clock, time scale, faults or timeouts a test needs.
 */
export function startSagaTestCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    correlator: SAGA_CORRELATOR,
    projectDirectory: PROJECT_ROOT,
    assemblyDirectory: TEST_ASSEMBLY_DIRECTORY,
    port: 0,
    ...options,
  });
}
