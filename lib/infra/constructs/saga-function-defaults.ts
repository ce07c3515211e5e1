import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { DEPS_LOCK_FILE, PROJECT_ROOT } from '../project-paths';

/**
 * The settings every function of the saga shares, in either variant: Node.js 24 on arm64,
 * active tracing, JSON logs, 512 MB, 20 s, and an esbuild bundle the local cloud can run as it is.
 */
export const SAGA_FUNCTION_DEFAULTS = {
  handler: 'handler',
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
  tracing: lambda.Tracing.ACTIVE,
  loggingFormat: lambda.LoggingFormat.JSON,
  timeout: Duration.seconds(20),
  memorySize: 512,
  depsLockFilePath: DEPS_LOCK_FILE,
  projectRoot: PROJECT_ROOT,
  bundling: {
    minify: true,
    // No source maps: Node's --enable-source-maps parses the map on every cold start (~750 KB per
    // bundle, bench/README.md "Measurements behind design choices") to improve only the stack
    // traces of unexpected errors; the saga's errors are named classes whose messages say what
    // happened. A team that wants them passes `bundling.sourceMap` and NODE_OPTIONS itself.
    sourceMap: false,
    // The same bundle runs on Node 20 in the local cloud, so no syntax newer than Node 20.
    target: 'node20',
    format: OutputFormat.CJS,
    // The Lambda runtime provides the SDK v3 (and the local cloud resolves it from node_modules).
    externalModules: ['@aws-sdk/*'],
    // Comments esbuild keeps as legal (`/*!`, `@license`, `@preserve`: in today's dependencies only
    // coverage pragmas such as Powertools' `v8 ignore next -- @preserve`) go to index.js.LEGAL.txt
    // beside the bundle instead of its end: kept with the asset, not parsed on every cold start.
    esbuildArgs: { '--legal-comments': 'external' },
  },
} as const satisfies NodejsFunctionProps;

/** Retention of a saga function's log group, unless its construct is told otherwise. */
export const SAGA_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/** Powertools log levels a function may be given. */
export type ServiceLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
