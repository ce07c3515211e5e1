import type { AppModel, BundleRecipe, FunctionModel } from '../../../lib/local/assembly';
import { classifyChanges, functionOnlyDifference } from '../../../lib/local/watch';

function recipe(functionName: string, inputs: string[]): BundleRecipe {
  return {
    assetDirectory: `/app/cdk.out/asset.${functionName}`,
    functionNames: [functionName],
    cwd: '/app',
    esbuildArgs: ['--bundle', inputs[0] ?? ''],
    outfileName: 'index.js',
    inputs,
  };
}

const orders = recipe('orders', ['/app/functions/orders/handler.ts', '/app/lib/contracts/events.ts']);
const payments = recipe('payments', ['/app/functions/payments/handler.ts', '/app/lib/contracts/events.ts']);
const sources = {
  recipes: [orders, payments],
  infrastructureFiles: new Set(['/app/bin/app.ts', '/app/lib/infra/stack.ts', '/app/cdk.json']),
};

describe('sorting changed files into rebuilds and infrastructure changes', () => {
  it('rebuilds only the bundles that read the changed file', () => {
    expect(classifyChanges(['/app/functions/orders/handler.ts'], sources)).toEqual({
      rebuild: [orders],
      infrastructure: [],
    });
  });

  it('rebuilds every bundle that read a shared file, once each', () => {
    const changes = classifyChanges(['/app/lib/contracts/events.ts', '/app/functions/orders/handler.ts'], sources);

    expect(changes.rebuild).toEqual([orders, payments]);
  });

  it('takes a file the CDK app loads as an infrastructure change', () => {
    expect(classifyChanges(['/app/lib/infra/stack.ts', '/app/functions/orders/handler.ts'], sources)).toEqual({
      rebuild: [orders],
      infrastructure: ['/app/lib/infra/stack.ts'],
    });
  });

  it('ignores files neither a bundle nor the app reads (tests, editor swap files)', () => {
    expect(classifyChanges(['/app/functions/orders/.handler.ts.swp', '/app/README.md'], sources)).toEqual({
      rebuild: [],
      infrastructure: [],
    });
  });
});

function fn(name: string, directory: string, memorySizeMb = 128): FunctionModel {
  return {
    stackName: 'App',
    logicalId: name,
    name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architectures: ['x86_64'],
    memorySizeMb,
    timeoutSeconds: 3,
    environment: {},
    roleArn: 'arn:aws:iam::000000000000:role/r',
    code: { kind: 'directory', directory },
    assetDirectory: directory,
    logGroupName: `/aws/lambda/${name}`,
    logFormat: 'Text',
    layers: [],
  };
}

function model(functions: FunctionModel[]): AppModel {
  return { functions, stacks: [], warnings: [], queues: [], rules: [] } as unknown as AppModel;
}

describe('what a new synthesis changed', () => {
  it('lists the functions whose code or configuration changed when nothing else did', () => {
    const before = model([
      fn('orders', '/out/asset.a'),
      fn('payments', '/out/asset.b'),
      fn('shipping', '/out/asset.s'),
    ]);
    const after = model([
      fn('orders', '/out/asset.c'),
      fn('payments', '/out/asset.b', 256),
      fn('shipping', '/out/asset.s'),
    ]);

    expect(functionOnlyDifference(before, after)?.map((changed) => changed.name)).toEqual(['orders', 'payments']);
  });

  it('is empty when nothing the cloud runs changed', () => {
    const before = model([fn('orders', '/out/asset.a')]);

    expect(functionOnlyDifference(before, model([fn('orders', '/out/asset.a')]))).toEqual([]);
  });

  it('is undefined when a function was added', () => {
    const before = model([fn('orders', '/out/asset.a')]);
    const after = model([fn('orders', '/out/asset.a'), fn('payments', '/out/asset.b')]);

    expect(functionOnlyDifference(before, after)).toBeUndefined();
  });

  it('is undefined when a function’s reserved concurrency changed', () => {
    const before = model([fn('orders', '/out/asset.a')]);
    const after = model([{ ...fn('orders', '/out/asset.a'), reservedConcurrency: 2 }]);

    expect(functionOnlyDifference(before, after)).toBeUndefined();
  });

  it('is undefined when anything but a function changed (a queue)', () => {
    const before = model([fn('orders', '/out/asset.a')]);
    const after = { ...model([fn('orders', '/out/asset.a')]), queues: [{ name: 'new-queue' }] } as unknown as AppModel;

    expect(functionOnlyDifference(before, after)).toBeUndefined();
  });
});
