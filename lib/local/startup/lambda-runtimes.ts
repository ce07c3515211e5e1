/**
 * Lambda's managed runtimes as AWS schedules them: after "block function create" a deployment of
 * a new function with the runtime fails, after "block function update" any change to one does.
 * From the "Deprecated runtimes" and "Supported runtimes" tables of
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (dates in UTC; AWS has moved
 * some of them before, so the table says when it was last checked).
 */
export interface RuntimeSchedule {
  readonly runtime: string;
  readonly deprecated: string;
  readonly blockCreate: string;
  readonly blockUpdate: string;
}

/** Checked against AWS's tables in December 2026. */
export const RUNTIME_SCHEDULES: readonly RuntimeSchedule[] = [
  { runtime: 'nodejs20.x', deprecated: '2026-04-30', blockCreate: '2026-08-31', blockUpdate: '2026-09-30' },
  { runtime: 'nodejs18.x', deprecated: '2025-09-01', blockCreate: '2026-02-03', blockUpdate: '2026-03-09' },
  { runtime: 'nodejs16.x', deprecated: '2024-06-12', blockCreate: '2025-10-01', blockUpdate: '2025-11-01' },
  { runtime: 'nodejs14.x', deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2024-02-08' },
  { runtime: 'nodejs12.x', deprecated: '2023-03-31', blockCreate: '2023-03-31', blockUpdate: '2023-04-30' },
  { runtime: 'nodejs10.x', deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-02-14' },
  { runtime: 'nodejs8.10', deprecated: '2020-03-06', blockCreate: '2020-01-06', blockUpdate: '2020-03-06' },
  { runtime: 'nodejs6.10', deprecated: '2019-08-12', blockCreate: '2019-08-12', blockUpdate: '2019-08-12' },
  { runtime: 'nodejs4.3-edge', deprecated: '2020-03-05', blockCreate: '2019-03-31', blockUpdate: '2020-04-30' },
  { runtime: 'nodejs4.3', deprecated: '2020-03-05', blockCreate: '2020-03-05', blockUpdate: '2020-03-05' },
  { runtime: 'nodejs', deprecated: '2016-10-31', blockCreate: '2016-10-31', blockUpdate: '2016-10-31' },
  { runtime: 'python3.9', deprecated: '2025-12-15', blockCreate: '2026-06-01', blockUpdate: '2026-07-01' },
  { runtime: 'python3.8', deprecated: '2024-10-14', blockCreate: '2025-10-01', blockUpdate: '2025-11-01' },
  { runtime: 'python3.7', deprecated: '2023-12-04', blockCreate: '2024-01-09', blockUpdate: '2024-02-08' },
  { runtime: 'python3.6', deprecated: '2022-07-18', blockCreate: '2022-07-18', blockUpdate: '2022-08-29' },
  { runtime: 'python2.7', deprecated: '2021-07-15', blockCreate: '2021-07-15', blockUpdate: '2022-05-30' },
  { runtime: 'java8', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2024-03-12' },
  { runtime: 'go1.x', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2024-03-12' },
  { runtime: 'provided', deprecated: '2024-01-08', blockCreate: '2024-02-08', blockUpdate: '2024-03-12' },
  { runtime: 'ruby2.7', deprecated: '2023-12-07', blockCreate: '2024-01-09', blockUpdate: '2024-02-08' },
  { runtime: 'ruby2.5', deprecated: '2021-07-30', blockCreate: '2021-07-30', blockUpdate: '2022-03-31' },
  { runtime: 'dotnet6', deprecated: '2024-12-20', blockCreate: '2025-10-01', blockUpdate: '2025-11-01' },
  { runtime: 'dotnetcore3.1', deprecated: '2023-04-03', blockCreate: '2023-04-03', blockUpdate: '2023-05-03' },
  { runtime: 'dotnetcore2.1', deprecated: '2022-01-05', blockCreate: '2022-01-05', blockUpdate: '2022-04-13' },
];

/** True for the runtimes the local cloud runs (Node.js, in worker threads or child processes). */
export function isNodeRuntime(runtime: string): boolean {
  return runtime.startsWith('nodejs');
}

/** True when AWS no longer lets a function with this runtime be created, on `now`. */
export function isCreationBlocked(runtime: string, now: Date): boolean {
  const schedule = RUNTIME_SCHEDULES.find((entry) => entry.runtime === runtime);
  return schedule !== undefined && now.getTime() >= Date.parse(`${schedule.blockCreate}T00:00:00Z`);
}

/**
 * AWS's answer to `CreateFunction`/`UpdateFunctionConfiguration` with a runtime it no longer
 * accepts (`InvalidParameterValueException`, HTTP 400), word for word.
 */
export function runtimeNoLongerSupportedMessage(runtime: string): string {
  return (
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. ` +
    'We recommend you use a supported runtime while creating or updating functions.'
  );
}
