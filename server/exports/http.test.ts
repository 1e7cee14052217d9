// The writers behind a real Hono app on @hono/node-server: c.body() streams them without
// buffering, and a download the client drops stops asking for rows.

import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';
import { csvStream } from './csv.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from './table.js';
import { busyRow, dailyTable, endlessRows, heldBackRows, readUntil, sleep, within, type DailyRow } from './testing.js';
import { xlsxStream } from './xlsx.js';

let server: ServerType | undefined;
afterEach(async () => {
  // Aborted downloads leave sockets that close() would wait out.
  if (server && 'closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves the rows once as CSV at /csv and as XLSX at /xlsx; returns the origin. */
async function exportServer(rows: AsyncIterable<DailyRow>): Promise<string> {
  const app = new Hono();
  app.get('/csv', (c) => {
    c.header('Content-Type', CSV_CONTENT_TYPE);
    c.header('Content-Disposition', contentDisposition('示范商场 每日统计.csv'));
    return c.body(csvStream(dailyTable, rows, 'zh-CN'));
  });
  app.get('/xlsx', (c) => {
    c.header('Content-Type', XLSX_CONTENT_TYPE);
    return c.body(xlsxStream(dailyTable, rows, 'zh-CN'));
  });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return `http://127.0.0.1:${port}`;
}

describe('exports over HTTP', () => {
  it('CSV: headers and rows arrive before the last row exists', async () => {
    const source = heldBackRows(2_000);
    const res = await fetch(`${await exportServer(source.rows)}/csv`);
    expect(res.headers.get('content-type')).toBe(CSV_CONTENT_TYPE);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''%E7%A4%BA");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await readUntil(reader, busyRow(0).venue ?? '');
    expect(source.state.finished).toBe(false);
    source.release();
    let text = '';
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    expect(text).toContain('LAST ROW');
  });

  it('XLSX: sheet data arrives before the last row exists', async () => {
    const source = heldBackRows(20_000);
    const res = await fetch(`${await exportServer(source.rows)}/xlsx`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    while (received < 200_000) {
      const next = await within(reader.read(), 10_000);
      if (next === 'timeout' || next.done) throw new Error(`only ${received} bytes arrived before the last row`);
      received += next.value.byteLength;
    }
    expect(source.state.finished).toBe(false);
    source.release();
    for (let r = await reader.read(); !r.done; r = await reader.read()) received += r.value.byteLength;
    expect(source.state.finished).toBe(true);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: a client that goes away ends the rows' iterator`, async () => {
      const source = endlessRows();
      const abort = new AbortController();
      const res = await fetch(`${await exportServer(source.rows)}/${format}`, { signal: abort.signal });
      await (res.body as ReadableStream<Uint8Array>).getReader().read();
      abort.abort();
      for (let i = 0; i < 50 && !source.state.ended; i++) await sleep(20);
      expect(source.state.ended).toBe(true);
    });
  }
});
