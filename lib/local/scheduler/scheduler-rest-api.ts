import type { IncomingMessage } from 'node:http';
import type { AwsJsonResponse } from '../endpoint/aws-json';
import { answerRestJsonCall, type RestJsonCall, type RestJsonHandler } from '../endpoint/rest-json-call';
import { validationMessage } from '../endpoint/validation-message';
import type { RawRoute } from '../endpoint/local-endpoint';
import type { LocalScheduler } from './local-scheduler';
import type { ScheduleInput } from './schedule-definition';
import type { ScheduleTarget } from './schedule-target';
import { SchedulerValidationError } from './scheduler-errors';

type RestCall = RestJsonCall;
type Handler = RestJsonHandler;

/** The credential scope's service of a SigV4 `Authorization` header (`.../us-east-1/scheduler/aws4_request`). */
const SIGNED_SERVICE = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;

/**
 * EventBridge Scheduler's REST API (restJson1, as in its service model): `POST|GET|PUT|DELETE
 * /schedules/{Name}`, `GET /schedules`, `POST|GET|DELETE /schedule-groups/{Name}`, `GET
 * /schedule-groups`, and tags (accepted, none kept). Dates are epoch seconds. A request signed for
 * another service, or on another path, is not its own (`undefined`), so other REST routes can
 * share the endpoint.
 *
 * @example
 * endpoint.registerRoute(schedulerRestApi(scheduler));
 */
export function schedulerRestApi(scheduler: LocalScheduler): RawRoute {
  const routes: Readonly<Record<string, Handler>> = {
    'POST /schedules/{}': (call) => ({ ScheduleArn: scheduler.createSchedule(scheduleInput(call)) }),
    'PUT /schedules/{}': (call) => ({ ScheduleArn: scheduler.updateSchedule(scheduleInput(call)) }),
    'GET /schedules/{}': (call) => scheduler.getSchedule(call.name, call.query.get('groupName') ?? 'default'),
    'DELETE /schedules/{}': (call) => {
      scheduler.deleteSchedule(call.name, call.query.get('groupName') ?? 'default');
      return {};
    },
    'GET /schedules': (call) => {
      const groupName = call.query.get('ScheduleGroup') ?? undefined;
      if (groupName !== undefined) scheduler.getScheduleGroup(groupName);
      return page(
        scheduler.listSchedules({
          groupName,
          namePrefix: call.query.get('NamePrefix') ?? undefined,
          state: call.query.get('State') ?? undefined,
        }),
        call.query,
        'Schedules',
      );
    },
    'POST /schedule-groups/{}': (call) => ({ ScheduleGroupArn: scheduler.createScheduleGroup(call.name).arn }),
    'GET /schedule-groups/{}': (call) => groupSummary(scheduler.getScheduleGroup(call.name)),
    'DELETE /schedule-groups/{}': (call) => {
      scheduler.deleteScheduleGroup(call.name);
      return {};
    },
    'GET /schedule-groups': (call) =>
      page(
        scheduler.listScheduleGroups(call.query.get('NamePrefix') ?? '').map(groupSummary),
        call.query,
        'ScheduleGroups',
      ),
    'GET /tags/{}': () => ({ Tags: [] }),
    'POST /tags/{}': () => ({}),
    'DELETE /tags/{}': () => ({}),
  };

  return async (request: IncomingMessage, body: Buffer): Promise<AwsJsonResponse | undefined> => {
    const signedService = SIGNED_SERVICE.exec(request.headers.authorization ?? '')?.[1];
    if (signedService !== undefined && signedService !== 'scheduler') return undefined;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    const [collection, name, extra] = segments;
    if (extra !== undefined || !['schedules', 'schedule-groups', 'tags'].includes(collection ?? '')) return undefined;
    const handler = routes[`${request.method ?? ''} /${collection}${name === undefined ? '' : '/{}'}`];
    if (!handler) return undefined;
    return answerRestJsonCall(
      handler,
      { name: name === undefined ? '' : decodeURIComponent(name), query: url.searchParams, body },
      (message) => new SchedulerValidationError(message),
    );
  };
}

function required<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null) {
    throw new SchedulerValidationError(validationMessage(member, null, 'Member must not be null'));
  }
  return value;
}

/** A CreateSchedule/UpdateSchedule body as a `ScheduleInput` (epoch seconds → ms). */
function scheduleInput(call: RestCall): ScheduleInput {
  const body = call.body;
  const target = required(body.Target as ScheduleTarget | undefined, 'target');
  required(target.Arn, 'target.arn');
  required(target.RoleArn, 'target.roleArn');
  const window = required(
    body.FlexibleTimeWindow as ScheduleInput['FlexibleTimeWindow'] | undefined,
    'flexibleTimeWindow',
  );
  required(window.Mode, 'flexibleTimeWindow.mode');
  return {
    Name: call.name,
    ScheduleExpression: required(body.ScheduleExpression as string | undefined, 'scheduleExpression'),
    Target: target,
    FlexibleTimeWindow: window,
    ...optional('GroupName', body.GroupName),
    ...optional('ScheduleExpressionTimezone', body.ScheduleExpressionTimezone),
    ...optional('Description', body.Description),
    ...optional('State', body.State),
    ...optional('ActionAfterCompletion', body.ActionAfterCompletion),
    ...optional('KmsKeyArn', body.KmsKeyArn),
    ...(typeof body.StartDate === 'number' ? { StartDate: body.StartDate * 1000 } : {}),
    ...(typeof body.EndDate === 'number' ? { EndDate: body.EndDate * 1000 } : {}),
  };
}

function optional(member: string, value: unknown): Record<string, string> {
  return typeof value === 'string' ? { [member]: value } : {};
}

function groupSummary(group: { name: string; arn: string; createdAt: number }): Record<string, unknown> {
  return {
    Arn: group.arn,
    Name: group.name,
    State: 'ACTIVE',
    CreationDate: group.createdAt / 1000,
    LastModificationDate: group.createdAt / 1000,
  };
}

/** MaxResults / NextToken paging over a list (the token is the offset). */
function page(items: readonly unknown[], query: URLSearchParams, member: string): Record<string, unknown> {
  const max = Number(query.get('MaxResults') ?? 100);
  const start = Number(query.get('NextToken') ?? 0);
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    throw new SchedulerValidationError(
      `1 validation error detected: Value '${query.get('MaxResults') ?? ''}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  const slice = items.slice(start, start + max);
  return { [member]: slice, ...(start + max < items.length ? { NextToken: String(start + max) } : {}) };
}
