import type { ScheduleGroupModel, ScheduleModel } from '../app-model';
import type { ResourceProperties } from '../resource-properties';

/** `AWS::Scheduler::Schedule`. */
export function readSchedule(props: ResourceProperties): ScheduleModel {
  const group = props.string('GroupName');
  return {
    ...props.identity,
    groupName: group ? (group.split('/').pop() ?? group) : 'default',
    properties: props.all(),
  };
}

/** `AWS::Scheduler::ScheduleGroup`. */
export function readScheduleGroup(props: ResourceProperties): ScheduleGroupModel {
  return props.identity;
}
