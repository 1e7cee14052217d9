// Filling the embedded registry from an entry-manifest CSV, with a report row by row. Columns (a
// header line, in any order): name, document_type, document_number, issue_count (permits, may be
// empty), country (ISO 3166-1 alpha-2, may be empty). Every row is checked by the same rules as a
// typed identity (shared/identity.ts); one bad row and nothing is written, so a file is fixed and
// imported again whole.

import { parse } from 'csv-parse/sync';
import { isCountryCode } from '../../shared/countries.js';
import { DOCUMENT_TYPES, isDocumentType } from '../../shared/documents.js';
import { checkIdentity } from '../../shared/identity.js';
import type { RegistryRow } from '../store/registry.js';
import type { Store } from '../store/store.js';

export const REGISTRY_COLUMNS = ['name', 'document_type', 'document_number', 'issue_count', 'country'] as const;
const REQUIRED = ['name', 'document_type', 'document_number'] as const;

export interface RegistryRowReport {
  /** The line of the file, as an editor numbers it. */
  line: number;
  ok: boolean;
  /** What is wrong, when not ok: field and problem code, e.g. "document_number: id-check-digit". */
  problems: string[];
}

export interface RegistryImportReport {
  rows: RegistryRowReport[];
  valid: number;
  invalid: number;
  /** Rows written (0 when any row is invalid, or on a dry run). */
  imported: number;
}

const FIELD_COLUMN: Record<string, string> = { name: 'name', documentNumber: 'document_number', issueCount: 'issue_count' };

/** Checks every row; writes them all in one transaction only when every row is good and it is not a dry run. */
export async function importRegistryCsv(store: Store, text: string, options: { now: number; dryRun?: boolean }): Promise<RegistryImportReport> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/u, ''), { relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    throw new RegistryFileError(`The file is not readable as CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [header, ...body] = records;
  if (!header) throw new RegistryFileError('The file is empty: it needs a header line and one row per person.');
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new RegistryFileError(`The header (line ${header.info.lines}) lacks ${missing.join(', ')}; expected columns: ${REGISTRY_COLUMNS.join(', ')}.`);
  const unknown = columns.filter((c) => !(REGISTRY_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new RegistryFileError(`Unknown column ${unknown.join(', ')} in the header; expected: ${REGISTRY_COLUMNS.join(', ')}.`);

  const rows: RegistryRowReport[] = [];
  const good: RegistryRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const cell = (name: string) => (record[columns.indexOf(name)] ?? '').trim();
    const problems: string[] = [];
    if (record.length !== columns.length) problems.push(`row: ${record.length} cells, the header has ${columns.length}`);
    const type = cell('document_type');
    const country = cell('country').toUpperCase();
    if (country !== '' && !isCountryCode(country)) problems.push('country: not an ISO 3166-1 alpha-2 code');
    if (!isDocumentType(type)) {
      problems.push(`document_type: one of ${DOCUMENT_TYPES.join(', ')}`);
    } else {
      // A manifest lists the lifelong number: the issue count is not the registry's business, so
      // a permit without one is checked as a first card.
      const input = { name: cell('name'), documentType: type, documentNumber: cell('document_number') };
      let checked = checkIdentity({ ...input, issueCount: cell('issue_count') || undefined });
      if (!checked.ok && checked.problems.some((p) => p.problem === 'issue-count-missing')) checked = checkIdentity({ ...input, issueCount: '00' });
      if (!checked.ok) {
        for (const p of checked.problems) problems.push(`${FIELD_COLUMN[p.field] ?? p.field}: ${p.problem}`);
      } else {
        const key = `${type}:${checked.identity.document.number}`;
        const first = seen.get(key);
        if (first !== undefined) problems.push(`document_number: the same document as line ${first}`);
        else seen.set(key, info.lines);
        if (problems.length === 0) good.push(rowOf(checked.identity.name, type, checked.identity.document.number, country, options.now));
      }
    }
    rows.push({ line: info.lines, ok: problems.length === 0, problems });
  }
  const invalid = rows.filter((r) => !r.ok).length;
  const report = { rows, valid: rows.length - invalid, invalid, imported: 0 };
  if (invalid > 0 || options.dryRun) return report;
  await store.transaction((tx) => tx.registry.upsert(good));
  return { ...report, imported: good.length };
}

function rowOf(name: string, type: string, number: string, country: string, now: number): RegistryRow {
  return { name, document_type: type, document_number: number, country: country || null, imported_at: now };
}

/** The file cannot be read as a registry file at all (no header, wrong columns). */
export class RegistryFileError extends Error {
  override name = 'RegistryFileError';
}
