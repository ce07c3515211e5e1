import { SERVICE_NAMES } from '../lib/contracts';
import type { AppModel } from '../lib/local/assembly';
import { ScaledClock } from '../lib/local/clock';
import { LambdaRuntime, type Isolation } from '../lib/local/lambda';
import type { BenchRun, Figures } from './bench-run';
import { figureOf } from './results-file';

const ISOLATIONS: readonly Isolation[] = ['thread', 'process'];

/**
 * `coldstart.<service>.thread` and `coldstart.<service>.process`: wall milliseconds of a cold
 * invocation in the local cloud's Lambda runtime — start the execution environment (a worker
 * thread on the host's Node, or a child process on the runtime's Node), load the bundle, run the
 * handler on an empty SQS batch — with each isolation, side by side. The figures the default
 * isolation of `choreo` is chosen from.
 */
export async function benchmarkEnvironmentColdStarts(run: BenchRun, model: AppModel): Promise<Figures> {
  const figures: Figures = {};
  for (const service of SERVICE_NAMES) {
    const fn = model.functions.find((candidate) => candidate.name === `shop-choreography-${service}`);
    if (!fn || fn.code.kind !== 'directory') {
      run.note(`coldstart.${service}.thread/process skipped: no bundled asset for 'shop-choreography-${service}'`);
      continue;
    }
    for (const isolation of ISOLATIONS) {
      run.log(`cold start in a ${isolation}: ${service}`);
      const times: number[] = [];
      for (let index = 0; index < run.runs; index++) {
        const runtime = new LambdaRuntime({
          functions: [fn],
          clock: new ScaledClock(),
          // Nothing listens there: an empty batch makes no AWS call.
          endpointUrl: 'http://127.0.0.1:9',
          isolation,
        });
        try {
          const started = performance.now();
          const result = await runtime.invoke(fn.name, { Records: [] });
          if (result.outcome !== 'success') {
            throw new Error(`${result.error?.errorType ?? result.outcome}: ${result.error?.errorMessage ?? ''}`);
          }
          times.push(performance.now() - started);
          for (const warning of index === 0 ? runtime.warnings : [])
            run.note(`coldstart.${service}.${isolation}: ${warning}`);
        } finally {
          await runtime.close();
        }
      }
      figures[`coldstart.${service}.${isolation}`] = figureOf(times, `ms cold invocation (${isolation})`);
    }
  }
  return figures;
}
