import type { IncomingMessage } from 'node:http';
import type { AwsJsonResponse } from '../endpoint/aws-json';
import { answerRestJsonCall, type RestJsonHandler } from '../endpoint/rest-json-call';
import type { RawRoute } from '../endpoint/local-endpoint';
import type { LocalPipes, PipeDescription } from './local-pipes';
import { PipesValidationError } from './pipes-errors';

type Handler = RestJsonHandler;

/** The credential scope's service of a SigV4 `Authorization` header (`.../us-east-1/pipes/aws4_request`). */
const SIGNED_SERVICE = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;

/** The members of a pipe every answer about it carries (CreatePipe, StartPipe, ...). */
const STATE_MEMBERS = ['Arn', 'Name', 'DesiredState', 'CurrentState', 'CreationTime', 'LastModifiedTime'] as const;

/**
 * EventBridge Pipes' REST API (restJson1, as in its service model): `POST|GET|PUT|DELETE
 * /v1/pipes/{Name}`, `GET /v1/pipes`, `POST /v1/pipes/{Name}/start|stop`, and
 * `GET|POST|DELETE /tags/{resourceArn}` for pipe ARNs. Dates are epoch seconds. A request signed
 * for another service, or on another path, is not its own (`undefined`).
 *
 * @example
 * endpoint.registerRoute(pipesRestApi(pipes));
 */
export function pipesRestApi(pipes: LocalPipes): RawRoute {
  const routes: Readonly<Record<string, Handler>> = {
    'POST /v1/pipes/{}': (call) => stateOf(pipes.createPipe(call.name, call.body)),
    'GET /v1/pipes/{}': (call) => wire(pipes.describePipe(call.name)),
    'PUT /v1/pipes/{}': async (call) => stateOf(await pipes.updatePipe(call.name, call.body)),
    'DELETE /v1/pipes/{}': async (call) => stateOf(await pipes.deletePipe(call.name)),
    'POST /v1/pipes/{}/start': async (call) => stateOf(await pipes.setDesiredState(call.name, 'RUNNING')),
    'POST /v1/pipes/{}/stop': async (call) => stateOf(await pipes.setDesiredState(call.name, 'STOPPED')),
    'GET /v1/pipes': (call) => listPipes(pipes, call.query),
    'GET /tags/{}': (call) => ({ tags: pipes.tagsOf(call.name) }),
    'POST /tags/{}': (call) => {
      pipes.tagsOf(call.name);
      const given = call.body.tags;
      if (given === null || typeof given !== 'object' || Array.isArray(given)) {
        throw PipesValidationError.member('tags', given, 'Member must not be null');
      }
      pipes.tagResource(
        call.name,
        Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value)])),
      );
      return {};
    },
    'DELETE /tags/{}': (call) => {
      pipes.untagResource(call.name, call.query.getAll('tagKeys'));
      return {};
    },
  };

  return async (request: IncomingMessage, body: Buffer): Promise<AwsJsonResponse | undefined> => {
    const signedService = SIGNED_SERVICE.exec(request.headers.authorization ?? '')?.[1];
    if (signedService !== undefined && signedService !== 'pipes') return undefined;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    let key: string;
    let name = '';
    if (segments[0] === 'v1' && segments[1] === 'pipes' && segments.length <= 4) {
      name = segments[2] === undefined ? '' : decodeURIComponent(segments[2]);
      key = `${request.method ?? ''} /v1/pipes${segments[2] === undefined ? '' : '/{}'}${segments[3] === undefined ? '' : `/${segments[3]}`}`;
    } else if (segments[0] === 'tags' && segments.length === 2) {
      name = decodeURIComponent(segments[1] ?? '');
      // Scheduler's tags share the path: an unsigned call is ours only for a pipe's ARN.
      if (signedService === undefined && !/^arn:aws[\w-]*:pipes:/.test(name)) return undefined;
      key = `${request.method ?? ''} /tags/{}`;
    } else {
      return undefined;
    }
    const handler = routes[key];
    if (!handler) return undefined;
    return answerRestJsonCall(
      handler,
      { name, query: url.searchParams, body },
      (message) => new PipesValidationError(message),
    );
  };
}

/** A pipe on the wire: timestamps as epoch seconds. */
function wire(pipe: PipeDescription): Record<string, unknown> {
  return { ...pipe, CreationTime: pipe.CreationTime / 1000, LastModifiedTime: pipe.LastModifiedTime / 1000 };
}

function stateOf(pipe: PipeDescription): Record<string, unknown> {
  const onWire = wire(pipe);
  return Object.fromEntries(STATE_MEMBERS.map((member) => [member, onWire[member]]));
}

/** ListPipes: summaries, `Limit` (1..100) per page, the token is the offset. */
function listPipes(pipes: LocalPipes, query: URLSearchParams): Record<string, unknown> {
  const limitText = query.get('Limit');
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw PipesValidationError.member(
      'limit',
      limitText,
      limit < 1
        ? 'Member must have value greater than or equal to 1'
        : 'Member must have value less than or equal to 100',
    );
  }
  const start = Number(query.get('NextToken') ?? 0);
  const all = pipes.listPipes({
    namePrefix: query.get('NamePrefix') ?? undefined,
    desiredState: query.get('DesiredState') ?? undefined,
    currentState: query.get('CurrentState') ?? undefined,
    sourcePrefix: query.get('SourcePrefix') ?? undefined,
    targetPrefix: query.get('TargetPrefix') ?? undefined,
  });
  const summaries = all.slice(start, start + limit).map((pipe) => {
    const onWire = wire(pipe);
    return {
      ...stateOf(pipe),
      ...(pipe.StateReason !== undefined ? { StateReason: pipe.StateReason } : {}),
      Source: onWire.Source,
      Target: onWire.Target,
      ...(onWire.Enrichment ? { Enrichment: onWire.Enrichment } : {}),
    };
  });
  return { Pipes: summaries, ...(start + limit < all.length ? { NextToken: String(start + limit) } : {}) };
}
