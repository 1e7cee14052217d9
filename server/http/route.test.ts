// The contract router: who may call, bodies and queries read through the endpoint's schemas, and
// answers checked against the response schema outside production.

import { Hono } from 'hono';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { endpoint } from '../../shared/api/contract.js';
import { userActor, type UserActor } from '../auth/actor.js';
import type { AppEnv } from './context.js';
import { answerError } from './errors.js';
import { ApiRouter } from './route.js';

const echo = endpoint({
  method: 'POST',
  path: '/api/echo/:id',
  access: { roles: ['manager'] },
  body: v.strictObject({ n: v.number() }),
  query: v.strictObject({ x: v.optional(v.string()) }),
  response: v.strictObject({ id: v.string(), n: v.number(), x: v.nullable(v.string()) }),
});

function app(checkResponses: boolean, handler: (n: number) => unknown) {
  const hono = new Hono<AppEnv>();
  hono.use('*', async (c, next) => {
    const who: Record<string, UserActor> = { manager: userActor('m', 'manager', null), holder: userActor('h', 'holder', 'p') };
    c.set('actor', who[c.req.header('x-as') ?? '']);
    await next();
  });
  new ApiRouter(hono, { checkResponses }).on(echo, async ({ body, query, params }) => handler(body.n) as { id: string; n: number; x: string | null } ?? { id: params.id!, n: body.n, x: query.x ?? null });
  hono.onError((err, c) => answerError(err, c, () => undefined));
  return hono;
}

const call = (h: Hono<AppEnv>, as: string | undefined, body: unknown, query = '') =>
  h.request(`/api/echo/a%20b${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(as ? { 'x-as': as } : {}) }, body: JSON.stringify(body) });

describe('ApiRouter', () => {
  it('answers through the schemas for the right role', async () => {
    const res = await call(app(true, () => undefined), 'manager', { n: 2 }, '?x=y');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'a b', n: 2, x: 'y' });
  });

  it('refuses the wrong role, no session, unknown fields and bad values', async () => {
    const h = app(true, () => undefined);
    expect((await call(h, 'holder', { n: 1 })).status).toBe(403);
    expect((await call(h, undefined, { n: 1 })).status).toBe(401);
    expect(await (await call(h, 'manager', { n: 1, extra: true })).json()).toMatchObject({ error: { code: 'unknown_field' } });
    expect(await (await call(h, 'manager', { n: 'one' })).json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await (await call(h, 'manager', { n: 1 }, '?y=1')).json()).toMatchObject({ error: { code: 'unknown_field' } });
  });

  it('fails an answer outside its response schema outside production, and lets it through in production', async () => {
    const leaky = () => ({ id: 'a', n: 1, x: null, name: '张三' });
    const dev = await call(app(true, leaky), 'manager', { n: 1 });
    expect(dev.status).toBe(500);
    const prod = await call(app(false, leaky), 'manager', { n: 1 });
    expect(prod.status).toBe(200);
  });

  it('answers not found for a path parameter no id could be: NUL, control characters, 201 characters', async () => {
    const h = app(true, () => undefined);
    for (const id of ['%00', 'a%0Ab', '%7F', '%C2%85', 'x'.repeat(201)]) {
      const res = await h.request(`/api/echo/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-as': 'manager' }, body: '{"n":1}' });
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const unauthenticated = await h.request('/api/echo/%00', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    expect(unauthenticated.status).toBe(401);
    expect((await call(h, 'manager', { n: 1 })).status).toBe(200);
  });
});
