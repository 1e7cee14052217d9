// The API client: call(endpoint, …) builds the URL from the shared contract, sends JSON with a
// deadline, and checks the answer against the endpoint's response schema. A mismatch is a
// ContractError, never a cast; error bodies are read with the shared ErrorBodySchema.

import * as v from 'valibot';
import { pathOf, type Endpoint, type ResponseOf } from '../shared/api/contract.js';
import { ErrorBodySchema, type ErrorCode } from '../shared/errors.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 15_000;

/** The server answered with an error body (or a status we could not read one from). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSec?: number,
    /** identity_rejected: the wrong fields and why (shared/identity.ts problem codes). */
    readonly problems?: readonly { field: string; problem: string }[],
  ) {
    super(message);
  }
}

/** The request never got an answer: offline, server down, or too slow. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(
    readonly kind: 'network' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** The server answered 2xx with something its own contract does not allow (an app and a server of different versions). */
export class ContractError extends Error {
  override name = 'ContractError';
  constructor(
    readonly endpoint: string,
    readonly issue: string,
  ) {
    super(`${endpoint}: the answer does not match the contract (${issue})`);
  }
}

type BodyIn<E extends Endpoint> = E['body'] extends v.GenericSchema ? v.InferInput<E['body']> : never;
type QueryIn<E extends Endpoint> = E['query'] extends v.GenericSchema ? v.InferInput<E['query']> : never;

export interface CallOptions<E extends Endpoint> {
  body?: BodyIn<E>;
  query?: QueryIn<E>;
  /** Values for the :params of the endpoint's path. */
  params?: Record<string, string>;
  timeoutMs?: number;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Sees every answer the server gave (any status) before its body is read, e.g. for its Date header. */
  onResponse?: (res: Response) => void;
}

type ContactObserver = (reached: boolean) => void;
let observer: ContactObserver | undefined;
/** Told after every request whether the server answered at all: the app's honest "offline" signal. */
export function observeContact(fn: ContactObserver): void {
  observer = fn;
}

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'internal';
  return 'bad_request';
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, say): fall back to the status below.
  }
  const parsed = v.safeParse(ErrorBodySchema, body);
  if (parsed.success) {
    const { code, message, retryAfterSec, problems } = parsed.output.error;
    return new ApiError(res.status, code, message, retryAfterSec, problems);
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, statusCode(res.status), res.statusText, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

/** The URL of a call: the path with its :params filled in, then the query without empty values. */
export function urlOf(endpoint: Endpoint, params?: Record<string, string>, query?: unknown): string {
  const path = pathOf(endpoint.path, params);
  const search = new URLSearchParams();
  const entries = query !== null && typeof query === 'object' ? Object.entries(query) : [];
  for (const [key, value] of entries) if (value !== undefined && value !== null) search.set(key, String(value));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls an endpoint of the shared contract and returns its answer, checked against the response schema. */
export async function call<E extends Endpoint>(endpoint: E, options: CallOptions<E> = {}): Promise<ResponseOf<E>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  const hasBody = options.body !== undefined;
  try {
    let res: Response;
    try {
      res = await (options.fetch ?? defaultFetch)(urlOf(endpoint, options.params, options.query), {
        method: endpoint.method,
        headers: hasBody ? { accept: 'application/json', 'content-type': 'application/json' } : { accept: 'application/json' },
        body: hasBody ? JSON.stringify(options.body) : undefined,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      observer?.(false);
      throw new NetworkError(timedOut ? 'timeout' : 'network', e instanceof Error ? e.message : String(e));
    }
    observer?.(true);
    options.onResponse?.(res);
    if (!res.ok) throw await errorFrom(res);
    let json: unknown;
    try {
      json = await res.json();
    } catch (e) {
      // A body cut off mid-way is a network failure, not a server answer.
      throw new NetworkError(timedOut ? 'timeout' : 'network', e instanceof Error ? e.message : String(e));
    }
    const checked = v.safeParse(endpoint.response, json);
    if (!checked.success) {
      const issue = checked.issues[0];
      throw new ContractError(endpoint.path, `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    }
    return checked.output;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export type FailureCode = ErrorCode | 'network' | 'timeout' | 'bad_response' | 'unknown';

/** The code to show for any failure of call(): translated by errorText in i18n. */
export function failureCode(e: unknown): { code: FailureCode; retryAfterSec?: number } {
  if (e instanceof ApiError) return { code: e.code, retryAfterSec: e.retryAfterSec };
  if (e instanceof NetworkError) return { code: e.kind };
  if (e instanceof ContractError) return { code: 'bad_response' };
  return { code: 'unknown' };
}
