// The records of an export as one CSV table: a line per test (the health authority's too), entry, notice, venue check, code
// display and printed code of the person and of everyone the account looks after, each naming whose
// it is, in the person's language, through the shared CSV writer (BOM, RFC 4180, formula guard).

import type { AccountExport, ExportedPrintedCode } from '../../shared/api/account.js';
import type { PersonRecords } from '../../shared/api/records.js';
import type { ExportLang, ExportTable } from '../exports/table.js';
import { SYMPTOM_WORDS } from '../orgs/export.js';

export interface RecordLine {
  kind: string;
  at: string;
  what: string;
  where: string;
  result: string;
}

export const RECORDS_TABLE: ExportTable<RecordLine> = {
  name: { 'zh-CN': '健康记录', en: 'Health records' },
  columns: [
    { key: 'kind', header: { 'zh-CN': '类别', en: 'Kind' }, type: 'text' },
    { key: 'at', header: { 'zh-CN': '时间 (UTC)', en: 'Time (UTC)' }, type: 'text' },
    { key: 'what', header: { 'zh-CN': '内容', en: 'What' }, type: 'text' },
    { key: 'where', header: { 'zh-CN': '地点/机构', en: 'Where' }, type: 'text' },
    { key: 'result', header: { 'zh-CN': '结果', en: 'Result' }, type: 'text' },
  ],
};

const WORDS = {
  'zh-CN': {
    'nucleic-acid': '核酸检测', antibody: '抗体检测', negative: '阴性', positive: '阳性', entry: '入境记录', authority: '卫生健康部门推送',
    'health-certificate': '健康证明', 'observation-release': '医学观察解除通知', valid: '有效', expired: '已过期', revoked: '已撤销', released: '已解除',
    check: '场所测温', fever: '发热', normal: '正常', display: '亮码记录', offline: '离线亮码，联网后上报', online: '在线亮码', green: '绿码', red: '红码',
    air: '航空', sea: '水运', land: '陆路', rail: '铁路',
    declaration: '健康申报', self: '个人自查', noSymptoms: '无症状', travel: '14 天内离开本市', keyContact: '接触重点人群', superseded: '已被当日后一次申报取代', latest: '当日有效',
  },
  en: {
    'nucleic-acid': 'Nucleic-acid test', antibody: 'Antibody test', negative: 'negative', positive: 'positive', entry: 'Entry', authority: 'from the health authority',
    'health-certificate': 'Health certificate', 'observation-release': 'Medical observation release', valid: 'valid', expired: 'expired', revoked: 'revoked', released: 'released',
    check: 'Venue temperature check', fever: 'fever', normal: 'normal', display: 'Code display', offline: 'shown offline, reported later', online: 'shown online', green: 'green', red: 'red',
    air: 'air', sea: 'sea', land: 'land', rail: 'rail',
    declaration: 'Health declaration', self: 'personal self-check', noSymptoms: 'no symptoms', travel: 'travelled outside the city in 14 days', keyContact: 'contact with key populations', superseded: 'superseded by a later one that day', latest: 'counts for the day',
  },
} as const;

const iso = (ms: number) => new Date(ms).toISOString();

export function* recordLines(r: PersonRecords, lang: ExportLang): Generator<RecordLine> {
  const w = WORDS[lang];
  for (const t of r.tests) {
    yield { kind: w[t.kind], at: iso(t.sampledAt), what: t.source === 'authority' ? `${w[t.kind]} · ${w.authority}` : w[t.kind], where: t.institution, result: w[t.result] };
  }
  for (const e of r.entries) {
    yield { kind: w.entry, at: e.entryDate, what: `${e.country} · ${e.documentType} ${e.documentNumber}`, where: e.port, result: `${w[e.transport]} ${e.transportDetail}`.trim() };
  }
  for (const n of r.notices) yield { kind: w[n.kind], at: iso(n.issuedAt), what: w[n.kind], where: n.issuer, result: w[n.state] };
  for (const c of r.temperatureChecks) yield { kind: w.check, at: iso(c.at), what: `${c.temperature.toFixed(1)} °C`, where: c.venueName, result: c.fever ? w.fever : w.normal };
  for (const d of r.declarations ?? []) {
    const what = [d.symptoms.length ? d.symptoms.map((x) => SYMPTOM_WORDS[lang][x]).join(', ') : w.noSymptoms, `${d.temperature.toFixed(1)} °C`, ...(d.travel ? [`${w.travel}: ${d.travelWhere}`] : []), ...(d.keyContact ? [w.keyContact] : [])].join('; ');
    yield { kind: w.declaration, at: iso(d.declaredAt), what, where: d.orgName ?? w.self, result: d.superseded ? w.superseded : w.latest };
  }
  for (const d of r.codeDisplays) yield { kind: w.display, at: iso(d.shownAt), what: w[d.status], where: '', result: d.offline ? w.offline : w.online };
}

/** A line of an account's export: a record line and whose it is (the account's own person or someone it looks after). */
export interface ExportLine extends RecordLine {
  person: string;
}

export const EXPORT_TABLE: ExportTable<ExportLine> = {
  name: RECORDS_TABLE.name,
  columns: [{ key: 'person', header: { 'zh-CN': '姓名', en: 'Person' }, type: 'text' }, ...RECORDS_TABLE.columns],
};

const PRINTED_WORDS = {
  'zh-CN': { kind: '打印健康码', seq: (n: number) => `第 ${n} 次打印`, until: (t: string) => `有效期至 ${t}`, revoked: (t: string) => `${t} 作废` },
  en: { kind: 'Printed code', seq: (n: number) => `print no. ${n}`, until: (t: string) => `valid until ${t}`, revoked: (t: string) => `revoked ${t}` },
} as const;

/** A line per printed code: which print, when, and whether a reprint or a status change revoked it. */
export function* printedLines(codes: readonly ExportedPrintedCode[], lang: ExportLang): Generator<RecordLine> {
  const w = PRINTED_WORDS[lang];
  for (const c of codes) yield { kind: w.kind, at: iso(c.issuedAt), what: w.seq(c.seq), where: '', result: c.revokedAt === null ? w.until(iso(c.expiresAt)) : w.revoked(iso(c.revokedAt)) };
}

/** Every line of an account's export: its own person's, then each member's, each line naming whose it is. */
export function* exportLines(data: AccountExport, lang: ExportLang): Generator<ExportLine> {
  const people = [...(data.person && data.records ? [{ ...data.person, records: data.records }] : []), ...data.familyMembers];
  for (const p of people) {
    for (const line of recordLines(p.records, lang)) yield { person: p.name, ...line };
    for (const line of printedLines(p.printedCodes, lang)) yield { person: p.name, ...line };
  }
}
