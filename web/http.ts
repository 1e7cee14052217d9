// JSON over fetch with a timeout, and the API's one error shape turned into ApiError. The page never
// waits on the network without a deadline: every request has an AbortController behind it.

import type { ErrorBody, ErrorCode } from '../shared/errors.js';

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

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
  fetch?: FetchLike;
  signal?: AbortSignal;
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
  try {
    const body = (await res.json()) as Partial<ErrorBody>;
    if (body.error && typeof body.error.code === 'string') {
      return new ApiError(res.status, body.error.code, body.error.message ?? '', body.error.retryAfterSec);
    }
  } catch {
    // Not our JSON (a proxy's HTML page, say): fall back to the status.
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, statusCode(res.status), res.statusText, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    let res: Response;
    try {
      res = await (options.fetch ?? defaultFetch)(path, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (e) {
      observer?.(false);
      throw new NetworkError(timedOut ? 'timeout' : 'network', e instanceof Error ? e.message : String(e));
    }
    observer?.(true);
    if (!res.ok) throw await errorFrom(res);
    try {
      return (await res.json()) as T;
    } catch (e) {
      // A body cut off mid-way is a network failure, not a server answer.
      throw new NetworkError(timedOut ? 'timeout' : 'network', e instanceof Error ? e.message : String(e));
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The error code to show for any failure of requestJson. */
export function failureCode(e: unknown): { code: ErrorCode | 'network' | 'timeout' | 'unknown'; retryAfterSec?: number } {
  if (e instanceof ApiError) return { code: e.code, retryAfterSec: e.retryAfterSec };
  if (e instanceof NetworkError) return { code: e.kind };
  return { code: 'unknown' };
}
