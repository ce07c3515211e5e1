import type { AppModel } from '../assembly/app-model';
import type { Clock } from '../clock';
import { CLIENT_PRINCIPAL } from '../endpoint/caller-identity';
import type { LocalEndpoint } from '../endpoint/local-endpoint';
import { localArnResolver, ServiceRoleAccess } from '../iam';
import type { TraceRecorder } from '../trace';
import { LocalScheduler, type ScheduleJournal } from './local-scheduler';
import { localScheduleTargets, type LocalScheduleTargetServices } from './local-schedule-targets';
import { scheduleInputFromTemplate } from './schedule-from-template';
import { classifyTarget } from './schedule-target';
import { schedulerRestApi } from './scheduler-rest-api';

export interface SchedulerFromModelProps extends Omit<
  LocalScheduleTargetServices,
  'roleAccess' | 'resolveArn' | 'callService'
> {
  readonly model: AppModel;
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly region: string;
  readonly endpoint: LocalEndpoint;
  /** Check target roles against their policies. @default true */
  readonly iam?: boolean;
  /** Keeps groups and schedules (`--data`). @default - in memory only */
  readonly journal?: ScheduleJournal;
}

/**
 * EventBridge Scheduler for a local cloud: the template's schedule groups and schedules, the
 * Scheduler REST API on the endpoint. A schedule of the template that CreateSchedule would refuse
 * is not run and is reported in `problems` (the cloud still starts).
 */
export function schedulerFromModel(props: SchedulerFromModelProps): {
  scheduler: LocalScheduler;
  problems: string[];
} {
  const { model, clock, trace, region, endpoint, iam, journal, ...services } = props;
  const targets = localScheduleTargets({
    ...services,
    roleAccess: new ServiceRoleAccess(model, iam ?? true),
    resolveArn: localArnResolver(region),
    callService: callThroughEndpoint(endpoint),
  });
  const scheduler = new LocalScheduler({ clock, trace, region, targets, ...(journal ? { journal } : {}) });
  const problems: string[] = [];
  for (const group of model.scheduleGroups) {
    if (group.name !== 'default') scheduler.createScheduleGroup(group.name);
  }
  for (const schedule of model.schedules) {
    try {
      const input = scheduleInputFromTemplate(schedule);
      scheduler.createSchedule(input);
      const target = classifyTarget(input.Target);
      if (target.kind === 'universal' && !targets.servesUniversal(target.service, target.action)) {
        problems.push(
          `schedule ${schedule.groupName}/${schedule.name} (${schedule.stackName}/${schedule.logicalId}): its universal target ${input.Target.Arn} is not run by the local cloud; each invocation fails to its retry policy and dead-letter queue`,
        );
      }
    } catch (error) {
      problems.push(
        `schedule ${schedule.groupName}/${schedule.name} (${schedule.stackName}/${schedule.logicalId}) is not run: ${(error as Error).message}`,
      );
    }
  }
  endpoint.registerRoute(schedulerRestApi(scheduler));
  return { scheduler, problems };
}

/**
 * How universal targets (`aws-sdk:<service>:<action>`) reach every operation the endpoint serves:
 * through its own dispatch, as the scheduler (a client of the endpoint, like any AWS caller).
 */
export function callThroughEndpoint(endpoint: LocalEndpoint): NonNullable<LocalScheduleTargetServices['callService']> {
  return (target, body) =>
    endpoint.dispatch({
      target,
      body: Buffer.from(body, 'utf8'),
      headers: {},
      caller: { accessKeyId: 'scheduler', principal: CLIENT_PRINCIPAL },
    });
}
