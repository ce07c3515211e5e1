import type { StateMachineModel } from '../app-model';
import { toBoolean, type ResourceProperties } from '../resource-properties';

/** `AWS::StepFunctions::StateMachine`, its definition resolved to Amazon States Language text. */
export function readStateMachine(props: ResourceProperties): StateMachineModel {
  const name = props.physicalName;
  const loggingConfiguration = props.value('LoggingConfiguration');
  return {
    ...props.origin,
    name,
    arn: String(props.scope.getAtt(props.logicalId, 'Arn')),
    definition: readDefinition(props),
    type: props.string('StateMachineType') === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    roleArn: props.string('RoleArn') ?? '',
    ...(loggingConfiguration !== undefined ? { loggingConfiguration } : {}),
    tracingEnabled: toBoolean(props.record('TracingConfiguration')?.Enabled) ?? false,
  };
}

function readDefinition(props: ResourceProperties): string {
  const text = props.string('DefinitionString');
  const object = props.value('Definition');
  let definition = text ?? (object !== undefined ? JSON.stringify(object) : undefined);
  if (definition === undefined) {
    props.report(
      'unsupported-property',
      'the state machine has no DefinitionString or Definition (S3 definitions are not read)',
    );
    return '{}';
  }
  // DefinitionSubstitutions replace `${name}` placeholders after intrinsics are resolved.
  const substitutions = props.record('DefinitionSubstitutions') ?? {};
  for (const [key, value] of Object.entries(substitutions)) {
    definition = definition.split(`\${${key}}`).join(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return definition;
}
