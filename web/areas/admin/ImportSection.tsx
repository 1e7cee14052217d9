// Importing a feed file: kind, file, dry run; the report (every rejected line, the field and why, in
// the reader's language) and what the import changed; template downloads from the same schema.

import { useSignal } from '@preact/signals';
import type { ImportOutcomeBody } from '../../../shared/api/authority.js';
import { FEED_KINDS, FEED_PROBLEM_TEXT, type FeedKind } from '../../../shared/feeds.js';
import { errorText, lang } from '../../i18n/index.js';
import { busy, importError, importFile, imported } from './state.js';
import { t } from './strings.js';

function Outcome({ out }: { out: ImportOutcomeBody }) {
  const r = out.report;
  const counts = { accepted: r.accepted, rejected: r.rejected, changes: out.changes.statusChanges, added: out.changes.redListAdded, removed: out.changes.redListRemoved };
  const ok = r.rejected === 0 && !r.fileError;
  const summary = r.applied ? t('import.applied', counts) : ok && r.dryRun ? t('import.dryRunOk', counts) : t('import.rejected', counts);
  return (
    <div class="stack" data-testid="import-outcome" data-applied={r.applied ? 'yes' : 'no'} role="status">
      <p class={ok ? '' : 'error'}>{summary}</p>
      {r.fileError && <p class="error">{t('import.fileError', { line: r.fileError.line, message: r.fileError.message })}</p>}
      {r.rejectedRows.length > 0 && (
        <ul class="admin-rejected" data-testid="import-rejected">
          {r.rejectedRows.map((row) => (
            <li key={row.line}>
              {t('import.line', { line: row.line })}: {row.errors.map((e) => `${e.field} — ${FEED_PROBLEM_TEXT[e.problem][lang.value === 'en' ? 'en' : 'zh-CN']}`).join('; ')}
            </li>
          ))}
        </ul>
      )}
      {r.rejected > r.rejectedRows.length && <p class="muted">{t('import.more', { n: r.rejected - r.rejectedRows.length })}</p>}
    </div>
  );
}

export function ImportSection() {
  const feed = useSignal<FeedKind>('key-population');
  const dryRun = useSignal(false);
  const file = useSignal<File | null>(null);
  const missing = useSignal(false);
  return (
    <section class="card stack" aria-labelledby="import-title" data-testid="admin-import">
      <h2 id="import-title">{t('import.title')}</h2>
      <form
        class="admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          missing.value = !file.value;
          if (file.value) void importFile(feed.value, file.value, dryRun.value);
        }}
      >
        <label for="import-feed">{t('import.feed')}</label>
        <select id="import-feed" value={feed.value} onChange={(e) => (feed.value = e.currentTarget.value as FeedKind)}>
          {FEED_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`import.feed.${k}`)}
            </option>
          ))}
        </select>
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.ndjson,.jsonl,.json,text/csv"
          aria-invalid={missing.value}
          aria-describedby={missing.value ? 'import-file-error' : undefined}
          onChange={(e) => {
            file.value = e.currentTarget.files?.[0] ?? null;
            missing.value = false;
          }}
        />
        {missing.value && (
          <p id="import-file-error" class="error small">
            {t('import.noFile')}
          </p>
        )}
        <label class="check">
          <input type="checkbox" checked={dryRun.value} onChange={(e) => (dryRun.value = e.currentTarget.checked)} /> {t('import.dryRun')}
        </label>
        <button type="submit" class="btn" disabled={busy.value === 'import'}>
          {t('import.submit')}
        </button>
      </form>
      <p class="small">
        {t('import.templates')}{' '}
        <a href={`/api/feeds/${feed.value}/template?header=zh-CN`} download>
          {t('import.templateZh')}
        </a>{' '}
        ·{' '}
        <a href={`/api/feeds/${feed.value}/template?header=en`} download>
          {t('import.templateEn')}
        </a>{' '}
        · <a href="/api/feeds/openapi.json">OpenAPI</a>
      </p>
      {importError.value && (
        <p class="error" role="alert">
          {errorText(importError.value.code, importError.value.retryAfterSec)}
        </p>
      )}
      {imported.value && <Outcome out={imported.value} />}
    </section>
  );
}
