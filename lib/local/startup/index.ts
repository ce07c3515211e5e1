export { assertPortFree } from './assert-port-free';
export { DeprecatedRuntimeError, type RefusedFunction } from './deprecated-runtime-error';
export { LOCAL_DUMMY_CREDENTIALS } from './dummy-credentials';
export {
  isCreationBlocked,
  isNodeRuntime,
  RUNTIME_SCHEDULES,
  runtimeNoLongerSupportedMessage,
  type RuntimeSchedule,
} from './lambda-runtimes';
export { PortInUseError } from './port-in-use-error';
export { refuseDeprecatedRuntimes } from './refuse-deprecated-runtimes';
export {
  functionsNotRun,
  integrationsNotRun,
  stackOutputLines,
  startupReport,
  tryItCommands,
  type IntegrationNotRun,
  type StartupHints,
  type StartupReportInput,
} from './startup-report';
