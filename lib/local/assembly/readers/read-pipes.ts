import type { PipeModel } from '../app-model';
import type { ResourceProperties } from '../resource-properties';

/** `AWS::Pipes::Pipe`. */
export function readPipe(props: ResourceProperties): PipeModel {
  return {
    ...props.origin,
    name: props.physicalName,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
    properties: props.all(),
  };
}
