import type { PipeModel } from '../app-model';
import type { ResourceProperties } from '../resource-properties';

/** `AWS::Pipes::Pipe`. */
export function readPipe(props: ResourceProperties): PipeModel {
  return {
    ...props.identity,
    properties: props.all(),
  };
}
