import { describe, expect, it } from 'vitest';
import { FEED_KINDS, feedColumns, MAX_REPORTED_ROWS, type FeedKind } from '../../shared/feeds.js';
import {
  feedOpenApi,
  FeedFileError,
  ImportReportBuilder,
  MAX_LINE_BYTES,
  readFeedCsv,
  readFeedFile,
  readFeedNdjson,
  templateCsv,
  templateNdjson,
  type FeedFormat,
  type FeedRowResult,
} from './feed-files.js';

const encoder = new TextEncoder();

/** The text as a byte stream cut into small chunks, so that lines and characters straddle chunk edges. */
async function* stream(content: string | Uint8Array, chunk = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === 'string' ? encoder.encode(content) : content;
  for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
}

async function readAll<F extends FeedKind>(feed: F, format: FeedFormat, content: string | Uint8Array): Promise<FeedRowResult<F>[]> {
  const out: FeedRowResult<F>[] = [];
  for await (const r of readFeedFile(feed, format, stream(content))) out.push(r);
  return out;
}

/** `ok` or the [field, problem] pairs, per line. */
const summary = (results: FeedRowResult<FeedKind>[]) => results.map((r) => ('ok' in r ? [r.line, 'ok'] : [r.line, r.errors.map((e) => `${e.field}:${e.problem}`).join(' ')]));

const HEADER = 'documentType,documentNumber,testKind,result,institution,sampledAt,reportedAt';
const row = (n: string, sampledAt = '2022-05-03T09:30:00+08:00') => `passport,${n},nucleic-acid,negative,Lab A,${sampledAt},2022-05-03T21:00:00+08:00`;

describe('templates', () => {
  it.each(FEED_KINDS.flatMap((feed) => (['zh-CN', 'en', 'key'] as const).map((header) => [feed, header] as const)))(
    'the %s template with %s titles reads back as one valid row',
    async (feed, header) => {
      const csv = templateCsv(feed, header);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const example = Object.fromEntries(feedColumns(feed).map((c) => [c.key, c.example]));
      expect(await readAll(feed, 'csv', csv)).toEqual([{ line: 2, ok: example }]);
    },
  );

  it.each(FEED_KINDS)('the %s NDJSON template reads back as one valid row', async (feed) => {
    const results = await readAll(feed, 'ndjson', templateNdjson(feed));
    expect(summary(results)).toEqual([[1, 'ok']]);
  });

  it('puts zh-CN titles in the default header', () => {
    expect(templateCsv('test-results').split('\r\n')[0]).toBe('\uFEFF证件类型,证件号码,检测类型,检测结果,检测机构,采样时间,报告时间');
  });
});

describe('reading CSV', () => {
  it('reports the line and field of the one bad row, and accepts the rest', async () => {
    const csv = [HEADER, row('E10000001'), row('E10000002', '2022-05-03 09:30'), row('E10000003'), ''].join('\n');
    const report = new ImportReportBuilder('test-results', false);
    for await (const r of readFeedCsv('test-results', stream(csv))) report.add(r);
    expect(report.clean).toBe(false);
    expect(report.report(false)).toEqual({
      feed: 'test-results',
      dryRun: false,
      applied: false,
      accepted: 2,
      rejected: 1,
      rejectedRows: [{ line: 3, errors: [{ field: 'sampledAt', problem: 'bad-date-time', message: expect.stringContaining('UTC offset') }] }],
    });
  });

  it('numbers lines as a text editor does: blank lines, CRLF, a BOM and a cell spanning two lines', async () => {
    const multiLine = 'passport,E10000002,nucleic-acid,negative,"Lab\r\nB",2022-05-03T09:30:00+08:00,2022-05-03T21:00:00+08:00';
    const crlf = `\uFEFF${HEADER}\r\n${row('E10000001')}\r\n\r\n${multiLine}\r\n  \r\n${row('E10000003')}\r\n`;
    const lf = crlf.replaceAll('\r\n', '\n');
    for (const csv of [crlf, lf]) {
      for (const chunk of [1, 2, 7, 4096]) {
        const out: FeedRowResult<'test-results'>[] = [];
        for await (const r of readFeedCsv('test-results', stream(csv, chunk))) out.push(r);
        expect(summary(out), `chunks of ${chunk}`).toEqual([
          [2, 'ok'],
          [4, 'institution:bad-text'],
          [7, 'ok'],
        ]);
      }
    }
  });

  it('takes columns in any order, named by key or by either title, and leaves empty optional cells out', async () => {
    const csv = '人员类别,Document number,documentType,startDate,结束日期,sourceNote\nclose-contact,E10000001,passport,2022-05-01,,CDC\nhome-quarantine,E10000002,passport,2022-05-01,2022-05-14,CDC\n';
    const results = await readAll('key-population', 'csv', csv);
    expect(results).toEqual([
      { line: 2, ok: { category: 'close-contact', documentNumber: 'E10000001', documentType: 'passport', startDate: '2022-05-01', sourceNote: 'CDC' } },
      { line: 3, ok: { category: 'home-quarantine', documentNumber: 'E10000002', documentType: 'passport', startDate: '2022-05-01', endDate: '2022-05-14', sourceNote: 'CDC' } },
    ]);
  });

  it('reports an empty required cell as required, and a short row as a row problem', async () => {
    const csv = `${HEADER}\npassport,E10000001,,negative,Lab A,2022-05-03T09:30:00+08:00,2022-05-03T21:00:00+08:00\npassport,E10000002,nucleic-acid\n`;
    expect(summary(await readAll('test-results', 'csv', csv))).toEqual([
      [2, 'testKind:required'],
      [3, '(row):wrong-column-count'],
    ]);
  });

  it.each([
    ['an unknown column', `${HEADER},ward\n`, /line 1: bad header: unknown column "ward"/],
    ['a bad header after blank lines', `\n\n${HEADER},ward\n`, /line 3: bad header/],
    ['a missing column', 'documentType,documentNumber\n', /missing column "testKind" \(检测类型\)/],
    ['a column twice', `${HEADER},证件号码\n`, /column "证件号码" appears twice/],
    ['nothing at all', '', /line 1: the file is empty/],
    ['an unclosed quote', `${HEADER}\n${row('E10000001')}\npassport,"E1\n`, /line \d: Quote Not Closed/],
  ])('refuses the whole file with %s', async (_, csv, message) => {
    await expect(readAll('test-results', 'csv', csv)).rejects.toThrow(message);
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    const gbk = new Uint8Array([...encoder.encode(`${HEADER}\n${row('E10000001')}\n`), 0xb9, 0xe3, 0xd6, 0xdd, 0x0a]); // 广州 in GBK
    const err = await readAll('test-results', 'csv', gbk).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedFileError);
    expect(err).toMatchObject({ line: 3, message: expect.stringContaining('not UTF-8') });
  });

  it('reads multi-byte characters split across chunks', async () => {
    const csv = `${HEADER}\npassport,E10000001,nucleic-acid,negative,广州市第一人民医院,2022-05-03T09:30:00+08:00,2022-05-03T21:00:00+08:00\n`;
    for (const chunk of [1, 2, 5]) {
      const out: FeedRowResult<'test-results'>[] = [];
      for await (const r of readFeedCsv('test-results', stream(csv, chunk))) out.push(r);
      expect(out).toMatchObject([{ line: 2, ok: { institution: '广州市第一人民医院' } }]);
    }
  });
});

describe('reading NDJSON', () => {
  const good = (n: string) => JSON.stringify({ documentType: 'passport', documentNumber: n, category: 'close-contact', startDate: '2022-05-01', sourceNote: 'CDC' });

  it('reads one object per line, skips blank lines, and names each bad line', async () => {
    const lines = [
      `\uFEFF${good('E10000001')}`,
      '',
      '{"documentType":"passport",',
      '[1,2]',
      good('E10000002').replace('"CDC"', '"CDC","ward":"3"'),
      good('E10000003').replace('"category":"close-contact"', '"category":"close-contact","category":"home-quarantine"'),
      `${good('E10000004')}\r`,
      good('E10000005').replace('2022-05-01', '2022-02-30'),
      good('E10000006'),
    ];
    expect(summary(await readAll('key-population', 'ndjson', lines.join('\n')))).toEqual([
      [1, 'ok'],
      [3, '(row):bad-json'],
      [4, '(row):not-json-object'],
      [5, 'ward:unknown-field'],
      [6, '(row):duplicate-field'],
      [7, 'ok'],
      [8, 'startDate:bad-date'],
      [9, 'ok'],
    ]);
  });

  it('rejects a line that is not UTF-8 or too long, and goes on with the next', async () => {
    const bad = new Uint8Array([...encoder.encode(`${good('E10000001')}\n`), 0xff, 0xfe, 0x0a, ...encoder.encode(`"${'x'.repeat(MAX_LINE_BYTES)}"\n${good('E10000002')}`)]);
    expect(summary(await readAll('key-population', 'ndjson', bad))).toEqual([
      [1, 'ok'],
      [2, '(row):not-utf8'],
      [3, '(row):line-too-long'],
      [4, 'ok'],
    ]);
  });
});

describe('streaming', () => {
  /** Sends the given text, then stalls: a reader that waits for the end of the input never answers. */
  async function* stalling(text: string): AsyncGenerator<Uint8Array> {
    yield encoder.encode(text);
    await new Promise(() => {});
  }
  const firstResult = async (it: AsyncGenerator<unknown>) => {
    const timeout = new Promise((resolve) => setTimeout(() => resolve('waited for the whole input'), 2000));
    return Promise.race([it.next().then((r) => r.value), timeout]);
  };

  it('yields CSV rows before the input has ended', async () => {
    const it = readFeedCsv('test-results', stalling(`${HEADER}\n${row('E10000001')}\n${row('E10000002')}\n`));
    expect(await firstResult(it)).toMatchObject({ line: 2, ok: { documentNumber: 'E10000001' } });
  });

  it('yields NDJSON rows before the input has ended', async () => {
    const it = readFeedNdjson('test-results', stalling(`${templateNdjson('test-results')}{"x":1`));
    expect(await firstResult(it)).toMatchObject({ line: 1, ok: { documentType: 'mainland-id' } });
  });
});

describe('the import report', () => {
  it('counts every row but lists at most MAX_REPORTED_ROWS rejected ones', () => {
    const report = new ImportReportBuilder('test-results', true);
    for (let line = 2; line < MAX_REPORTED_ROWS + 12; line++) report.add({ line, errors: [{ field: 'result', problem: 'not-in-list', message: 'x' }] });
    report.add({ line: 9999, ok: {} as never });
    const r = report.report(false);
    expect([r.accepted, r.rejected, r.rejectedRows.length, r.rejectedRows[0]!.line]).toEqual([1, MAX_REPORTED_ROWS + 10, MAX_REPORTED_ROWS, 2]);
  });

  it('never reports a dry run, a bad row or an unreadable file as applied', () => {
    expect(() => new ImportReportBuilder('test-results', true).report(true)).toThrow();
    const bad = new ImportReportBuilder('test-results', false);
    bad.failFile(new FeedFileError(4, 'broken'));
    expect(() => bad.report(true)).toThrow();
    expect(bad.report(false).fileError).toEqual({ line: 4, message: 'line 4: broken' });
    expect(new ImportReportBuilder('key-population', false).report(true)).toMatchObject({ applied: true, accepted: 0 });
  });
});

describe('the OpenAPI document', () => {
  const doc = feedOpenApi();
  type Node = Record<string, unknown>;

  function* walk(node: unknown, path = '#'): Generator<[string, Node]> {
    if (node === null || typeof node !== 'object') return;
    yield [path, node as Node];
    for (const [k, child] of Object.entries(node)) yield* walk(child, `${path}/${k}`);
  }
  const resolve = (pointer: string): unknown =>
    pointer
      .slice(2)
      .split('/')
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Node | undefined)?.[key], doc);

  it('is plain JSON, OpenAPI 3.1, and every $ref in it resolves', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.openapi).toBe('3.1.0');
    const refs = [...walk(doc)].filter(([, n]) => typeof n.$ref === 'string').map(([at, n]) => [at, n.$ref as string] as const);
    expect(refs.length).toBeGreaterThan(10);
    for (const [at, target] of refs) {
      expect(target, at).toMatch(/^#\//);
      expect(resolve(target), `${at} → ${target}`).toBeDefined();
    }
  });

  it('posts each feed as CSV or NDJSON with a bearer token and a dryRun flag, answering with the import report', () => {
    expect(doc.components.securitySchemes.feedToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const feed of FEED_KINDS) {
      const op = doc.paths[`/api/feeds/${feed}`]!.post;
      expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/x-ndjson', 'text/csv']);
      expect(op.security).toEqual([{ feedToken: [] }]);
      expect(resolve(op.parameters[0]!.$ref)).toMatchObject({ name: 'dryRun', in: 'query', schema: { type: 'boolean' } });
      expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportReport' });
      expect(op.responses['422'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ImportReport' });
    }
  });

  it.each([
    ['test-results', 'TestResultRow'],
    ['key-population', 'KeyPopulationRow'],
  ] as const)('describes %s rows with the validator’s own columns, titles and examples', (feed, name) => {
    const schema = (doc.components.schemas as Record<string, unknown>)[name] as Node & { properties: Record<string, Node>; required: string[] };
    const columns = feedColumns(feed);
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    expect(Object.keys(schema.properties)).toEqual(columns.map((c) => c.key));
    expect([...schema.required].sort()).toEqual(columns.filter((c) => c.required).map((c) => c.key).sort());
    for (const c of columns) {
      const p = schema.properties[c.key]!;
      expect(p, c.key).toMatchObject({ type: 'string', title: c.title.en, 'x-title-zh-CN': c.title['zh-CN'], examples: [c.example] });
      if (Array.isArray(p.enum)) expect(p.enum, c.key).toContain(c.example);
      if (typeof p.pattern === 'string') expect(c.example, c.key).toMatch(new RegExp(p.pattern));
      if (typeof p.maxLength === 'number') expect(c.example.length, c.key).toBeLessThanOrEqual(p.maxLength);
    }
  });

  it('gives a CSV example that the reader accepts', async () => {
    for (const feed of FEED_KINDS) {
      const example = doc.paths[`/api/feeds/${feed}`]!.post.requestBody.content['text/csv']!.example;
      expect(summary(await readAll(feed, 'csv', example))).toEqual([[2, 'ok']]);
    }
  });
});
