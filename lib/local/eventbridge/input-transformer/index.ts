/**
 * What a rule target receives when it selects (InputPath) or reshapes (InputTransformer) the
 * event, rendered as AWS renders it.
 */
export { InvalidInputTransformerError } from './invalid-input-transformer-error';
export {
  applyInputPath,
  applyInputTransformer,
  undefinedPlaceholder,
  validateInputTransformer,
  type InputTransformerConfig,
  type TransformContext,
} from './apply-input-transformer';
export { parseJsonPath, readJsonPath, type JsonPathStep } from './json-path';
