// @ts-check
'use strict';
/**
 * The bootstrap of one local Lambda execution environment, run in a worker thread (plain
 * CommonJS: it runs as is under node, tsx and jest, which do not transpile worker scripts).
 *
 * Protocol with ExecutionEnvironment (execution-environment.ts):
 *   worker → main  { type: 'ready', initDurationMs } | { type: 'init-error', error }
 *   main → worker  { type: 'invoke', requestId, payload (JSON text), context }
 *   worker → main  { type: 'result', requestId, ok: true, result (JSON text) }
 *                | { type: 'result', requestId, ok: false, error }
 * where error = { errorType, errorMessage, stackTrace }, the shape Lambda reports.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { parentPort, workerData } = require('node:worker_threads');

if (!parentPort) {
  throw new Error('worker-bootstrap.js runs in a worker thread only');
}
const port = parentPort;

// Lambda puts the runtime's node_modules on NODE_PATH; the worker's env carries the project's,
// so `require('@aws-sdk/...')` (external in the bundle) resolves wherever the asset lives.
// The module paths are computed once at startup, from the process env: recompute them here.
// @ts-expect-error _initPaths is internal to node:module, stable since Node 0.x
Module._initPaths();

/** @param {unknown} error */
function toLambdaError(error, fallbackType = 'Error') {
  if (error instanceof Error) {
    return {
      errorType: error.name || fallbackType,
      errorMessage: error.message,
      stackTrace: (error.stack ?? '')
        .split('\n')
        .slice(1)
        .map((line) => line.trim()),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error), stackTrace: [] };
}

/** `dir/file.export.nested` → the module `dir/file` and the export path `export.nested`. */
function splitHandler(handler) {
  const slash = handler.lastIndexOf('/') + 1;
  const dot = handler.indexOf('.', slash);
  if (dot < 0) {
    throw Object.assign(new Error(`Bad handler ${handler}: missing export name`), {
      name: 'Runtime.MalformedHandlerName',
    });
  }
  return { modulePath: handler.slice(0, dot), exportPath: handler.slice(dot + 1) };
}

async function loadHandler() {
  const { taskRoot, handler } = workerData;
  const { modulePath, exportPath } = splitHandler(handler);
  const base = path.resolve(taskRoot, modulePath);
  const file = ['.js', '.mjs', '.cjs']
    .map((extension) => base + extension)
    .find((candidate) => fs.existsSync(candidate));
  if (!file) {
    throw Object.assign(new Error(`Error: Cannot find module '${modulePath}'`), { name: 'Runtime.ImportModuleError' });
  }
  let loaded;
  if (file.endsWith('.mjs')) {
    loaded = await import(pathToFileURL(file).href);
  } else {
    try {
      loaded = require(file);
    } catch (error) {
      // A .js file of a `"type": "module"` package is an ES module: import it, as Lambda does.
      if (error && /** @type {{ code?: string }} */ (error).code === 'ERR_REQUIRE_ESM') {
        loaded = await import(pathToFileURL(file).href);
      } else {
        throw error;
      }
    }
  }
  let target = loaded;
  for (const member of exportPath.split('.')) {
    target = target == null ? undefined : target[member];
  }
  if (typeof target !== 'function') {
    throw Object.assign(new Error(`${handler} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return target;
}

/** The Lambda context object; remaining time in AWS ms from the wall deadline and the time scale. */
function createContext(data) {
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: data.functionName,
    functionVersion: data.functionVersion,
    invokedFunctionArn: data.invokedFunctionArn,
    memoryLimitInMB: data.memoryLimitInMB,
    awsRequestId: data.awsRequestId,
    logGroupName: data.logGroupName,
    logStreamName: data.logStreamName,
    identity: undefined,
    clientContext: undefined,
    getRemainingTimeInMillis: () => Math.max(0, Math.round((data.deadlineWallMs - Date.now()) * data.timeScale)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  return context;
}

/** Calls the handler, async or callback style (three parameters), as Lambda's Node runtime does. */
function callHandler(handlerFunction, event, context) {
  if (handlerFunction.length >= 3) {
    return new Promise((resolve, reject) => {
      const callback = (error, result) => (error ? reject(error) : resolve(result));
      const returned = handlerFunction(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(resolve, reject);
      }
    });
  }
  return Promise.resolve().then(() => handlerFunction(event, context));
}

async function main() {
  const startedAt = performance.now();
  let handlerFunction;
  try {
    handlerFunction = await loadHandler();
  } catch (error) {
    const lambdaError = toLambdaError(error);
    const code = /** @type {{ code?: string }} */ (error)?.code;
    if (error instanceof SyntaxError) {
      lambdaError.errorType = 'Runtime.UserCodeSyntaxError';
    } else if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
      lambdaError.errorType = 'Runtime.ImportModuleError';
    }
    port.postMessage({ type: 'init-error', error: lambdaError });
    return;
  }
  port.on('message', async (message) => {
    if (message.type !== 'invoke') {
      return;
    }
    try {
      const event = JSON.parse(message.payload);
      const result = await callHandler(handlerFunction, event, createContext(message.context));
      // Lambda serializes the result as JSON: `undefined` becomes null, toJSON applies.
      const text = JSON.stringify(result === undefined ? null : result);
      port.postMessage({ type: 'result', requestId: message.requestId, ok: true, result: text });
    } catch (error) {
      port.postMessage({ type: 'result', requestId: message.requestId, ok: false, error: toLambdaError(error) });
    }
  });
  port.postMessage({ type: 'ready', initDurationMs: performance.now() - startedAt });
}

void main();
