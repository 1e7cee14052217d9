import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { endpoint } from '../shared/api/contract.js';
import { listsApi } from '../shared/api/lists.js';
import { peopleApi } from '../shared/api/people.js';
import { ApiError, call, ContractError, failureCode, NetworkError, observeContact, urlOf, type FetchLike } from './http.js';

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Answers with `answer` and remembers what was asked. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  const asked: { url: string; init?: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    asked.push({ url, init });
    return answer();
  };
  return { fetch, asked };
}

const stats = endpoint({
  method: 'POST',
  path: '/api/venues/:id/notes',
  access: { roles: ['manager'] },
  body: v.strictObject({ text: v.string() }),
  query: v.strictObject({ day: v.optional(v.string()) }),
  response: v.strictObject({ saved: v.number() }),
});

describe('call', () => {
  it('builds the URL from the contract: :params encoded, empty query values left out', () => {
    expect(urlOf(stats, { id: 'a b/c' }, { day: '2024-03-01' })).toBe('/api/venues/a%20b%2Fc/notes?day=2024-03-01');
    expect(urlOf(listsApi.redList, undefined, { since: undefined })).toBe('/api/redlist');
    expect(urlOf(listsApi.redList, undefined, { since: '7' })).toBe('/api/redlist?since=7');
    expect(() => urlOf(stats)).toThrow(/:id/);
  });

  it('sends the method and JSON body, and returns the answer checked against the response schema', async () => {
    const server = fakeFetch(() => json({ saved: 3 }));
    const answer = await call(stats, { params: { id: 'v1' }, body: { text: 'hi' }, fetch: server.fetch });
    expect(answer).toEqual({ saved: 3 });
    expect(server.asked[0]!.url).toBe('/api/venues/v1/notes');
    expect(server.asked[0]!.init).toMatchObject({ method: 'POST', body: '{"text":"hi"}', credentials: 'same-origin' });
  });

  it('refuses an answer outside the contract with a ContractError, reported as bad_response', async () => {
    for (const body of [{ saved: 'three' }, { saved: 3, name: '张三' }, []]) {
      const error = await call(stats, { params: { id: 'v1' }, body: { text: 'x' }, fetch: fakeFetch(() => json(body)).fetch }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect(failureCode(error)).toEqual({ code: 'bad_response' });
    }
    const error = await call(peopleApi.myCode, { fetch: fakeFetch(() => json({ text: 'HG1:X', status: 'purple' })).fetch }).catch((e: unknown) => e);
    expect((error as ContractError).message).toMatch(/\/api\/me\/code/);
  });

  it('reads error bodies with the shared schema, and falls back to the status for anything else', async () => {
    const coded = await call(peopleApi.myCode, {
      fetch: fakeFetch(() => json({ error: { code: 'otp_resend_too_soon', message: 'wait', retryAfterSec: 42 } }, 429)).fetch,
    }).catch((e: unknown) => e);
    expect(coded).toBeInstanceOf(ApiError);
    expect(failureCode(coded)).toEqual({ code: 'otp_resend_too_soon', retryAfterSec: 42 });

    const proxy = await call(peopleApi.myCode, { fetch: fakeFetch(() => new Response('<html>busy</html>', { status: 503, headers: { 'retry-after': '30' } })).fetch }).catch(
      (e: unknown) => e,
    );
    expect(failureCode(proxy)).toEqual({ code: 'internal', retryAfterSec: 30 });

    const unknownCode = await call(peopleApi.myCode, { fetch: fakeFetch(() => json({ error: { code: 'from_the_future', message: '?' } }, 403)).fetch }).catch(
      (e: unknown) => e,
    );
    expect(failureCode(unknownCode)).toEqual({ code: 'forbidden' });
  });

  it('times out a stalled request, and tells the contact observer whether the server answered', async () => {
    const seen: boolean[] = [];
    observeContact((reached) => seen.push(reached));
    const stalled: FetchLike = (_u, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const late = await call(peopleApi.myCode, { fetch: stalled, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(NetworkError);
    expect(failureCode(late)).toEqual({ code: 'timeout' });
    await call(peopleApi.myCode, { fetch: fakeFetch(() => json({ error: { code: 'no_code', message: 'none' } }, 404)).fetch }).catch(() => undefined);
    expect(seen).toEqual([false, true]);
    observeContact(() => undefined);
  });
});
