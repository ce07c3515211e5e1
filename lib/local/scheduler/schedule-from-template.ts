import type { ScheduleModel } from '../assembly/app-model';
import type { ScheduleInput } from './schedule-definition';
import type { ScheduleTarget } from './schedule-target';

/**
 * A schedule of the template as CreateSchedule input: CloudFormation gives the same members as
 * the API, with dates as ISO 8601 text.
 */
export function scheduleInputFromTemplate(schedule: ScheduleModel): ScheduleInput {
  const properties = schedule.properties;
  const date = (value: unknown) =>
    typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : undefined;
  const text = (member: string) => (typeof properties[member] === 'string' ? { [member]: properties[member] } : {});
  const startDate = date(properties.StartDate);
  const endDate = date(properties.EndDate);
  return {
    Name: schedule.name,
    GroupName: schedule.groupName,
    ScheduleExpression: String(properties.ScheduleExpression ?? ''),
    Target: (properties.Target ?? {}) as ScheduleTarget,
    FlexibleTimeWindow: (properties.FlexibleTimeWindow ?? { Mode: 'OFF' }) as ScheduleInput['FlexibleTimeWindow'],
    ...text('ScheduleExpressionTimezone'),
    ...text('Description'),
    ...text('State'),
    ...text('ActionAfterCompletion'),
    ...text('KmsKeyArn'),
    ...(startDate !== undefined ? { StartDate: startDate } : {}),
    ...(endDate !== undefined ? { EndDate: endDate } : {}),
  };
}
