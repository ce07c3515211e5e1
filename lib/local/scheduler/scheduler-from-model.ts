import type { AppModel } from '../assembly/app-model';
import type { Clock } from '../clock';
import type { LocalEndpoint } from '../endpoint/local-endpoint';
import { localArnResolver, ServiceRoleAccess } from '../iam';
import type { TraceRecorder } from '../trace';
import { LocalScheduler } from './local-scheduler';
import { localScheduleTargets, type LocalScheduleTargetServices } from './local-schedule-targets';
import { scheduleInputFromTemplate } from './schedule-from-template';
import { schedulerRestApi } from './scheduler-rest-api';

export interface SchedulerFromModelProps extends Omit<LocalScheduleTargetServices, 'roleAccess' | 'resolveArn'> {
  readonly model: AppModel;
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly region: string;
  readonly endpoint: LocalEndpoint;
  /** Check target roles against their policies. @default true */
  readonly iam?: boolean;
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
  const { model, clock, trace, region, endpoint, iam, ...services } = props;
  const scheduler = new LocalScheduler({
    clock,
    trace,
    region,
    targets: localScheduleTargets({
      ...services,
      roleAccess: new ServiceRoleAccess(model, iam ?? true),
      resolveArn: localArnResolver(region),
    }),
  });
  const problems: string[] = [];
  for (const group of model.scheduleGroups) {
    if (group.name !== 'default') scheduler.createScheduleGroup(group.name);
  }
  for (const schedule of model.schedules) {
    try {
      scheduler.createSchedule(scheduleInputFromTemplate(schedule));
    } catch (error) {
      problems.push(
        `schedule ${schedule.groupName}/${schedule.name} (${schedule.stackName}/${schedule.logicalId}) is not run: ${(error as Error).message}`,
      );
    }
  }
  endpoint.registerRoute(schedulerRestApi(scheduler));
  return { scheduler, problems };
}
