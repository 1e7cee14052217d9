// An organisation's declarations of one day as a file: a row per current member, as the admin's
// page shows them (who has and has not declared, the latest declaration, how many it superseded),
// through the shared writers (CSV with BOM and formula guard, streamed XLSX). Columns are in the README.

import type { OrgDay } from '../../shared/api/orgs.js';
import type { Symptom } from '../../shared/declarations.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import { csvStream } from '../exports/csv.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, type ExportLang, type ExportTable } from '../exports/table.js';
import { xlsxStream } from '../exports/xlsx.js';
import type { Store } from '../store/store.js';
import type { OrgManagement } from './admin.js';

export interface DeclarationExportRow {
  date: string;
  label: string;
  tag: string;
  declared: string;
  time: string | null;
  symptoms: string | null;
  temperature: number | null;
  fever: string | null;
  travel: string | null;
  travelWhere: string | null;
  keyContact: string | null;
  earlier: number | null;
}

const text = (key: keyof DeclarationExportRow & string, zh: string, en: string) => ({ key, type: 'text' as const, header: { 'zh-CN': zh, en } });

export const DECLARATIONS_TABLE: ExportTable<DeclarationExportRow> = {
  name: { 'zh-CN': '健康申报', en: 'Health declarations' },
  columns: [
    { key: 'date', type: 'date', header: { 'zh-CN': '日期', en: 'Date' } },
    text('label', '成员编号', 'Member label'),
    text('tag', '标识', 'Tag'),
    text('declared', '已申报', 'Declared'),
    text('time', '申报时间', 'Time'),
    text('symptoms', '症状', 'Symptoms'),
    { key: 'temperature', type: 'decimal', fractionDigits: 1, header: { 'zh-CN': '体温 (°C)', en: 'Temperature (°C)' } },
    text('fever', '发热 (≥37.3)', 'Fever (≥37.3)'),
    text('travel', '14 天内离开本市', 'Travel in 14 days'),
    text('travelWhere', '去往何处', 'Where'),
    text('keyContact', '接触重点人群', 'Key-population contact'),
    { key: 'earlier', type: 'integer', header: { 'zh-CN': '被取代的申报', en: 'Superseded' } },
  ],
};

export const SYMPTOM_WORDS: Record<ExportLang, Record<Symptom, string>> = {
  'zh-CN': { fever: '发热', cough: '咳嗽', 'sore-throat': '咽痛', fatigue: '乏力', 'loss-of-smell-taste': '嗅觉味觉减退', 'breathing-difficulty': '呼吸困难' },
  en: { fever: 'fever', cough: 'cough', 'sore-throat': 'sore throat', fatigue: 'fatigue', 'loss-of-smell-taste': 'loss of smell or taste', 'breathing-difficulty': 'breathing difficulty' },
};
const WORDS = {
  'zh-CN': { yes: '是', no: '否', none: '无' },
  en: { yes: 'yes', no: 'no', none: 'none' },
} as const;

/** HH:MM on the organisation's clock. */
export function clockTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(at);
}

export function* exportRows(day: OrgDay, lang: ExportLang): Generator<DeclarationExportRow> {
  const w = WORDS[lang];
  const yesNo = (b: boolean) => (b ? w.yes : w.no);
  for (const r of day.rows) {
    const d = r.declaration;
    yield {
      date: day.day,
      label: r.label,
      tag: r.tag,
      declared: yesNo(d !== null),
      time: d ? clockTime(d.declaredAt, day.timeZone) : null,
      symptoms: d ? (d.symptoms.length ? d.symptoms.map((s) => SYMPTOM_WORDS[lang][s]).join(lang === 'zh-CN' ? '、' : ', ') : w.none) : null,
      temperature: d ? d.temperature : null,
      fever: d ? yesNo(d.fever) : null,
      travel: d ? yesNo(d.travel) : null,
      travelWhere: d ? d.travelWhere : null,
      keyContact: d ? yesNo(d.keyContact) : null,
      earlier: d ? d.earlier : null,
    };
  }
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export class OrgExport {
  constructor(
    private readonly store: Store,
    private readonly orgs: OrgManagement,
    private readonly now: () => number = Date.now,
  ) {}

  /** The day's table as a file, audited before a byte is sent. */
  async declarations(admin: UserActor, day: string, format: 'csv' | 'xlsx', lang: ExportLang): Promise<ExportFile> {
    const org = await this.orgs.ownOrg(this.store, admin);
    const table = await this.orgs.dayOf(org, day);
    await record(this.store, { at: this.now(), actor: admin, action: 'org.export', targetId: org.id, detail: { format, day, rows: table.rows.length } });
    const label = lang === 'zh-CN' ? '健康申报' : 'health declarations';
    return {
      fileName: `${org.name} ${label} ${day}.${format}`,
      contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      body: format === 'csv' ? csvStream(DECLARATIONS_TABLE, exportRows(table, lang), lang) : xlsxStream(DECLARATIONS_TABLE, exportRows(table, lang), lang),
    };
  }
}
