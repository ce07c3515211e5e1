import type { ScheduleGroupModel, ScheduleModel } from '../app-model';
import type { ResourceProperties } from '../resource-properties';

/** `AWS::Scheduler::Schedule`. */
export function readSchedule(props: ResourceProperties): ScheduleModel {
  const group = props.string('GroupName');
  return {
    ...props.origin,
    name: props.physicalName,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
    groupName: group ? (group.split('/').pop() ?? group) : 'default',
    properties: props.all(),
  };
}

/** `AWS::Scheduler::ScheduleGroup`. */
export function readScheduleGroup(props: ResourceProperties): ScheduleGroupModel {
  return {
    ...props.origin,
    name: props.physicalName,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
  };
}
