import { ExecutionError, StateMachine } from '../../../lib/local/stepfunctions/asl-interpreter';
import { installPromiseWithResolvers } from '../../../lib/local/stepfunctions/promise-with-resolvers';

type PromiseWithResolversHost = PromiseConstructor & {
  withResolvers?: () => { promise: Promise<unknown>; resolve: (value: unknown) => void };
};

/** Runs `act` with Promise.withResolvers removed, then puts the previous one back. */
function withoutWithResolvers<T>(act: () => T): T {
  const host = Promise as PromiseWithResolversHost;
  const previous = Object.getOwnPropertyDescriptor(Promise, 'withResolvers');
  delete host.withResolvers;
  try {
    return act();
  } finally {
    if (previous) Object.defineProperty(Promise, 'withResolvers', previous);
  }
}

describe('Promise.withResolvers polyfill', () => {
  it('installs a working Promise.withResolvers when the runtime lacks it', async () => {
    // Prepare / Act
    const { installed, resolvers } = withoutWithResolvers(() => ({
      installed: installPromiseWithResolvers(),
      resolvers: (Promise as PromiseWithResolversHost).withResolvers?.(),
    }));

    // Assess
    expect(installed).toBe(true);
    resolvers?.resolve('done');
    await expect(resolvers?.promise).resolves.toBe('done');
  });

  it('is installed by the interpreter module before the library loads', () => {
    // Prepare / Act
    const present = withoutWithResolvers(() => {
      jest.isolateModules(() => {
        // A fresh module registry needs a synchronous require: the point is the load order.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../../lib/local/stepfunctions/asl-interpreter');
      });
      return typeof (Promise as PromiseWithResolversHost).withResolvers;
    });

    // Assess
    expect(present).toBe('function');
  });

  it('lets a Task succeed and the execution take its success path (without it, every Task fails into Catch)', async () => {
    // Prepare: a Task whose Catch would hide any failure, as the saga's compensation paths do
    const machine = new StateMachine(
      {
        StartAt: 'Charge',
        States: {
          Charge: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:charge',
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Compensate' }],
            Next: 'Charged',
          },
          Charged: { Type: 'Pass', Result: 'charged', End: true },
          Compensate: { Type: 'Pass', Result: 'compensated', End: true },
        },
      },
      { validationOptions: { noValidate: true } },
    );

    // Act
    const result = await machine.run(
      {},
      { overrides: { taskResourceLocalHandlers: { Charge: async () => ({ ok: true }) } } },
    ).result;

    // Assess
    expect(result).toBe('charged');
  });

  it('makes the interpreter fail tasks when it is missing (why the polyfill exists)', async () => {
    // Prepare
    const machine = new StateMachine(
      {
        StartAt: 'Charge',
        States: {
          Charge: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:charge', End: true },
        },
      },
      { validationOptions: { noValidate: true } },
    );
    const nativeOrPolyfill = Object.getOwnPropertyDescriptor(Promise, 'withResolvers');

    // Act
    delete (Promise as PromiseWithResolversHost).withResolvers;
    const outcome = machine
      .run({}, { overrides: { taskResourceLocalHandlers: { Charge: async () => ({ ok: true }) } } })
      .result.catch((error: unknown) => error);
    if (nativeOrPolyfill) Object.defineProperty(Promise, 'withResolvers', nativeOrPolyfill);

    // Assess
    const error = await outcome;
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as Error).message).toContain('withResolvers');
  });
});
