// @ts-check
'use strict';
/**
 * The bootstrap of one local Lambda execution environment, run in a worker thread
 * (`--isolation thread`) or in a child process on the runtime's Node (`--isolation process`);
 * plain CommonJS: it runs as is under node, tsx and jest, which do not transpile it.
 *
 * Protocol with ExecutionEnvironment (execution-environment.ts), over the worker's port or the
 * child's IPC channel:
 *   worker → main  { type: 'ready', initDurationMs } | { type: 'init-error', error }
 *   main → worker  { type: 'invoke', requestId, payload (JSON text), context }
 *   worker → main  { type: 'result', requestId, ok: true, result (JSON text) }
 *                | { type: 'result', requestId, ok: false, error }
 *                | { type: 'output', stream: 'stdout' | 'stderr', text }   (worker threads: one per write;
 *                  a child process writes to its stdout and stderr pipes)
 * where error = { errorType, errorMessage, stackTrace }, the shape Lambda reports.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const util = require('node:util');
const v8 = require('node:v8');
const { parentPort, workerData } = require('node:worker_threads');

/** The channel to ExecutionEnvironment: the worker's port, or the child process's IPC channel. */
const port = parentPort
  ? { postMessage: (message) => parentPort.postMessage(message), on: (listener) => parentPort.on('message', listener) }
  : {
      postMessage: (message) => process.send?.(message),
      on: (listener) => process.on('message', listener),
    };
/** `{ taskRoot, handler }`: the worker's data, or the child's first argument (JSON). */
const environmentData = parentPort ? workerData : JSON.parse(process.argv[2] ?? '{}');
if (!parentPort && !process.send) {
  throw new Error('runtime-bootstrap.js runs in a worker thread or a forked child process only');
}
if (!parentPort) {
  // Lambda's working directory is the task root (workers cannot chdir; child processes start there).
  process.chdir(environmentData.taskRoot);
}

/**
 * A child process's output reaches the host through pipes, on another channel than the answer:
 * this marker, written after an invocation's output on stdout and stderr, tells the host it has
 * read all of it.
 */
const FLUSH_MARKER = '\u0000local-cloud-flush:';

/** Resolves when the marker of `requestId` has been written to stdout and stderr (child processes only). */
function flushOutput(requestId) {
  if (parentPort) return Promise.resolve();
  return Promise.all(
    [process.stdout, process.stderr].map(
      (stream) => new Promise((resolve) => stream.write(`${FLUSH_MARKER}${requestId}\n`, () => resolve(undefined))),
    ),
  );
}

/**
 * In a worker thread, each write to stdout or stderr is sent as one message on the worker's port,
 * the port the answer takes: the output arrives before the answer, in order, with no marker to
 * wait for. (A worker's own stdio costs two messages between threads per write, plus the markers.)
 * It is sent at once, not kept: a function that logs and then spins until its timeout must still
 * have logged.
 */
function sendOutputOf(stream, name) {
  stream.write = function write(chunk, encoding, callback) {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text !== '') port.postMessage({ type: 'output', stream: name, text });
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}
if (parentPort) {
  sendOutputOf(process.stdout, 'stdout');
  sendOutputOf(process.stderr, 'stderr');
}

/** The invocation running now: Lambda's console lines carry its request id. */
let currentRequestId;

/**
 * Lambda's Node runtime replaces the console: each call is one log event, prefixed with the time,
 * the request id and the level in the Text format (`2026-01-01T00:00:00.000Z\t<id>\tINFO\tmessage`),
 * or a JSON object with the JSON log format. Newlines inside a message stay in one event (sent
 * as `\r`, turned back by ExecutionEnvironment). Powertools writes to stdout itself and is unaffected.
 */
function patchConsole() {
  const json = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const message = util.format(...args);
      const timestamp = new Date().toISOString();
      const line = json
        ? JSON.stringify({ timestamp, level, requestId: currentRequestId, message })
        : `${timestamp}\t${currentRequestId ?? 'undefined'}\t${level}\t${message}`;
      (level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout).write(
        `${line.replace(/\r?\n/g, '\r')}\n`,
      );
    };
  }
}
patchConsole();

/** Peak memory of the environment in MB (Lambda's Max Memory Used): the process's, or the worker's heap. */
function maxMemoryUsedMb() {
  if (!parentPort) return Math.ceil(process.resourceUsage().maxRSS / 1024);
  return Math.ceil(v8.getHeapStatistics().total_heap_size / (1024 * 1024));
}

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
  const { taskRoot, handler } = environmentData;
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
  port.on(async (message) => {
    if (message.type !== 'invoke') {
      return;
    }
    currentRequestId = message.requestId;
    try {
      const event = JSON.parse(message.payload);
      const result = await callHandler(handlerFunction, event, createContext(message.context));
      // Lambda serializes the result as JSON: `undefined` becomes null, toJSON applies.
      const text = JSON.stringify(result === undefined ? null : result);
      await flushOutput(message.requestId);
      port.postMessage({
        type: 'result',
        requestId: message.requestId,
        ok: true,
        result: text,
        maxMemoryUsedMb: maxMemoryUsedMb(),
      });
    } catch (error) {
      const lambdaError = toLambdaError(error);
      // As Lambda's Node runtime logs a handler's error before answering the invocation.
      console.error(
        `Invoke Error \t${JSON.stringify({ errorType: lambdaError.errorType, errorMessage: lambdaError.errorMessage, stack: lambdaError.stackTrace })}`,
      );
      await flushOutput(message.requestId);
      port.postMessage({
        type: 'result',
        requestId: message.requestId,
        ok: false,
        error: lambdaError,
        maxMemoryUsedMb: maxMemoryUsedMb(),
      });
    }
  });
  port.postMessage({ type: 'ready', initDurationMs: performance.now() - startedAt });
}

void main();
