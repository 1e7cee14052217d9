// Mounting the contract: each route is an endpoint description from shared/api plus a handler. The
// router checks who may call, reads the body and query through the endpoint's schemas, and (outside
// production) checks the answer against the response schema, so a drift fails the route's tests.

import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { BodyOf, Endpoint, QueryOf, ResponseOf } from '../../shared/api/contract.js';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, UnauthenticatedError } from '../../shared/errors.js';
import { isWellFormed } from '../../shared/api/fields.js';
import type { UserActor } from '../auth/actor.js';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_MAX_BODY_BYTES, parseWith, readJson, requestHeader, requestQuery, type AppEnv } from './context.js';

type ActorOf<E extends Endpoint> = E['access'] extends { roles: readonly unknown[] } | { signedIn: true } ? UserActor : UserActor | undefined;

export interface RouteInput<E extends Endpoint> {
  body: BodyOf<E>;
  query: QueryOf<E>;
  params: Record<string, string>;
  actor: ActorOf<E>;
  c: Context<AppEnv>;
}

export interface RouteOptions {
  /** The body limit for this endpoint, and the error code a larger body gets. */
  maxBytes?: number;
  tooLarge?: 'payload_too_large' | 'batch_too_large';
}

export type Handler<E extends Endpoint> = (input: RouteInput<E>) => Promise<ResponseOf<E> | Response>;

export class ApiRouter {
  private readonly mounted: Endpoint[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly options: { checkResponses: boolean },
  ) {}

  on<E extends Endpoint>(e: E, handler: Handler<E>, routeOptions: RouteOptions = {}): void {
    this.mounted.push(e);
    const maxBytes = routeOptions.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
    // Counted while the body is read, chunked or not: a larger body is refused at its first byte
    // over the limit, never held whole in memory.
    const limit = bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new PayloadTooLargeError(maxBytes, routeOptions.tooLarge ?? 'payload_too_large');
      },
    });
    const hasParams = e.path.includes('/:');
    const handle = async (c: Context<AppEnv>) => {
      const actor = authorize(e, c.get('actor')) as ActorOf<E>;
      const body = (e.body ? await readJson(c, e.body, routeOptions.maxBytes, routeOptions.tooLarge) : undefined) as BodyOf<E>;
      const query = (e.query ? parseWith(e.query, requestQuery(c)) : undefined) as QueryOf<E>;
      const result = await handler({ body, query, params: hasParams ? pathParams(c.req.param() as Record<string, string>) : NO_PARAMS, actor, c });
      if (result instanceof Response) return result;
      if (this.options.checkResponses) checkResponse(e, result);
      return c.newResponse(jsonText(result as object), 200, JSON_HEADERS);
    };
    // Only an endpoint with a body gets the limit: it makes the request's body stream, which a GET
    // (a code opened at rush hour) would otherwise pay for on every request without reading it.
    // Its unread body is discarded by Node as it arrives; a declared size over the limit is still refused.
    if (e.body) this.app.on(e.method, e.path, limit, handle);
    else
      this.app.on(e.method, e.path, async (c) => {
        if (Number(requestHeader(c, 'content-length') ?? 0) > maxBytes) throw new PayloadTooLargeError(maxBytes, routeOptions.tooLarge ?? 'payload_too_large');
        return handle(c);
      });
  }

  /** The endpoints mounted so far, in order: a test compares them with the contract. */
  endpoints(): readonly Endpoint[] {
    return this.mounted;
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/**
 * Answers that are served many times over (a cached code at rush hour) are written as JSON once:
 * `serveAsJsonOnce` keeps the text beside the object for as long as the object lives.
 */
const jsonOnce = new WeakMap<object, string>();
export function serveAsJsonOnce<T extends object>(answer: T): T {
  jsonOnce.set(answer, JSON.stringify(answer));
  return answer;
}
/** The JSON text of an answer: kept from `serveAsJsonOnce`, or written now. */
export const jsonText = (answer: object): string => jsonOnce.get(answer) ?? JSON.stringify(answer);

const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The longest path parameter any of our ids can be: longer ones name nothing. */
const MAX_PARAM_LENGTH = 200;
/** C0 and C1 control characters, NUL among them: no id has one, and PostgreSQL refuses NUL in text. */
const CONTROL = /\p{Cc}/u;

/** Path parameters as handlers may use them: one that no id could be is not found, before any query. */
function pathParams(params: Record<string, string>): Record<string, string> {
  for (const value of Object.values(params)) {
    if (value.length > MAX_PARAM_LENGTH || CONTROL.test(value) || !isWellFormed(value)) throw new NotFoundError();
  }
  return params;
}

function authorize(e: Endpoint, actor: UserActor | undefined): UserActor | undefined {
  const access = e.access;
  if ('public' in access || 'devOnly' in access) return actor;
  if (!actor) throw new UnauthenticatedError();
  if ('roles' in access && !access.roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}

function checkResponse(e: Endpoint, result: unknown): void {
  const checked = v.safeParse(e.response, result);
  if (checked.success) return;
  const issue = checked.issues[0]!;
  throw new Error(`${e.method} ${e.path} answered outside its response schema at ${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}
