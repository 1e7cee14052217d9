// A venue's daily counts as a file: one row per day of the range with the dashboard's published
// numbers (the same suppression, so the file and the dashboard agree cell for cell). Columns are
// documented in the README for health offices that import them.

import { AGE_BANDS } from '../../shared/documents.js';
import type { DayStats } from '../../shared/api/stats.js';
import { record } from '../audit/log.js';
import type { UserActor } from '../auth/actor.js';
import { csvStream } from '../exports/csv.js';
import type { ExportLang, ExportTable } from '../exports/table.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../exports/table.js';
import { xlsxStream } from '../exports/xlsx.js';
import type { Store } from '../store/store.js';
import type { StatsService } from './service.js';

type Cell = number | string;
export interface DailyExportRow {
  date: string;
  venue: string;
  people: Cell;
  fever: Cell;
  red: Cell;
  checkins: Cell;
  male: Cell;
  female: Cell;
  sexUnknown: Cell;
  age0: Cell;
  age18: Cell;
  age30: Cell;
  age40: Cell;
  age50: Cell;
  age60: Cell;
  ageUnknown: Cell;
}

const AGE_COLUMNS = ['age0', 'age18', 'age30', 'age40', 'age50', 'age60'] as const;
const count = (key: keyof DailyExportRow & string, zh: string, en: string) => ({ key, type: 'count' as const, header: { 'zh-CN': zh, en } });

export const DAILY_TABLE: ExportTable<DailyExportRow> = {
  name: { 'zh-CN': '每日统计', en: 'Daily counts' },
  columns: [
    { key: 'date', type: 'date', header: { 'zh-CN': '日期', en: 'Date' } },
    { key: 'venue', type: 'text', header: { 'zh-CN': '场所', en: 'Venue' } },
    count('people', '查验人数', 'People checked'),
    count('fever', '发热人数', 'Fever'),
    count('red', '红码人数', 'Red code'),
    count('checkins', '葵花码登记人数', 'Sunflower check-ins'),
    count('male', '男', 'Male'),
    count('female', '女', 'Female'),
    count('sexUnknown', '性别未知', 'Sex unknown'),
    ...AGE_COLUMNS.map((key, i) => count(key, `${AGE_BANDS[i]!.replace('+', ' 岁以上')}${AGE_BANDS[i]!.endsWith('+') ? '' : ' 岁'}`, `Age ${AGE_BANDS[i]!}`)),
    count('ageUnknown', '年龄未知', 'Age unknown'),
  ],
};

export function exportRow(venueName: string, d: DayStats): DailyExportRow {
  return {
    date: d.day,
    venue: venueName,
    people: d.people,
    fever: d.fever,
    red: d.red,
    checkins: d.checkins,
    male: d.sex.male,
    female: d.sex.female,
    sexUnknown: d.sex.unknown,
    ...(Object.fromEntries(AGE_COLUMNS.map((key, i) => [key, d.age[AGE_BANDS[i]!]])) as Record<(typeof AGE_COLUMNS)[number], Cell>),
    ageUnknown: d.age.unknown,
  };
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export class StatsExport {
  constructor(
    private readonly store: Store,
    private readonly stats: StatsService,
    private readonly now: () => number = Date.now,
  ) {}

  /** The file of daily counts, audited before a byte is sent. */
  async dailyCounts(actor: UserActor, venueId: string, from: string, to: string, format: 'csv' | 'xlsx', lang: ExportLang): Promise<ExportFile> {
    const venue = await this.stats.venueFor(actor, venueId);
    this.stats.checkRange(from, to);
    const days = await this.stats.publishedDays(venue, from, to);
    await record(this.store, { at: this.now(), actor, action: 'venue.export', targetId: venue.id, detail: { format, from, to, rows: days.length } });
    const rows = (function* () {
      for (const d of days) yield exportRow(venue.name, d);
    })();
    const label = lang === 'zh-CN' ? '每日统计' : 'daily counts';
    return {
      fileName: `${venue.name} ${label} ${from}_${to}.${format}`,
      contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      body: format === 'csv' ? csvStream(DAILY_TABLE, rows, lang) : xlsxStream(DAILY_TABLE, rows, lang),
    };
  }
}
