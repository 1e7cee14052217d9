// Reading a request's query and headers straight from Node's request (as @hono/node-server passes
// it) gives what Hono's own readers give.

import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { requestHeader, requestQuery, type AppEnv } from './context.js';

async function read(target: string, headers: Record<string, string> = {}) {
  const app = new Hono<AppEnv>();
  app.get('/q', (c) => c.json({ ours: { ...requestQuery(c) }, hono: c.req.query(), length: requestHeader(c, 'content-length') ?? null, honoLength: c.req.header('content-length') ?? null }));
  const viaNode = await app.fetch(new Request(`http://h${target}`, { headers }), { incoming: { url: target, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])) } });
  const viaHono = await app.fetch(new Request(`http://h${target}`, { headers }));
  type Read = { ours: Record<string, string>; hono: Record<string, string>; length: string | null; honoLength: string | null };
  return [(await viaNode.json()) as Read, (await viaHono.json()) as Read] as const;
}

it('gives the first value of each name, decoded, without the fragment, as Hono does', async () => {
  for (const target of ['/q', '/q?', '/q?deviceKey=R_7P7GZSlI0', '/q?a=1&a=2&b', '/q?x=%E5%BC%A0+%20y&=skip', '/q?k=v#frag=1', '/q?__proto__=1&constructor=2', '/q?a=%zz&b=%41', '/q?&&c=1&']) {
    const [node, hono] = await read(target);
    expect(node.ours, target).toEqual(node.hono);
    expect(hono.ours, target).toEqual(hono.hono);
  }
});

it('reads a header by its lower-case name from Node, and from Hono where there is no Node request', async () => {
  const [node, hono] = await read('/q', { 'Content-Length': '0' });
  expect(node).toMatchObject({ length: '0', honoLength: '0' });
  expect(hono).toMatchObject({ length: '0', honoLength: '0' });
});
