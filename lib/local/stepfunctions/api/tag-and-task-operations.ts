import type { StepFunctionsOperation } from './stepfunctions-operation';

/**
 * TagResource, UntagResource, ListTagsForResource (machines, versions, aliases) and the callback
 * operations SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
 */
export const TAG_AND_TASK_OPERATIONS: Record<string, StepFunctionsOperation> = {
  TagResource: (params, { stepFunctions }) => {
    stepFunctions.catalog.tag(
      params.string('resourceArn'),
      params
        .objectList('tags', true)
        .map((tag) => ({ key: tag.string('key'), value: tag.optionalString('value') ?? '' })),
    );
    return {};
  },

  UntagResource: (params, { stepFunctions }) => {
    stepFunctions.catalog.untag(params.string('resourceArn'), params.optionalStringList('tagKeys') ?? []);
    return {};
  },

  ListTagsForResource: (params, { stepFunctions }) => ({
    tags: stepFunctions.catalog.tagsOf(params.string('resourceArn')),
  }),

  SendTaskSuccess: (params, { stepFunctions }) => {
    const taskToken = params.string('taskToken');
    stepFunctions.taskTokens.succeed(taskToken, params.string('output'));
    return {};
  },

  SendTaskFailure: (params, { stepFunctions }) => {
    stepFunctions.taskTokens.fail(
      params.string('taskToken'),
      params.optionalString('error'),
      params.optionalString('cause'),
    );
    return {};
  },

  SendTaskHeartbeat: (params, { stepFunctions }) => {
    stepFunctions.taskTokens.heartbeat(params.string('taskToken'));
    return {};
  },
};
