// Looking a person up by document number, with the reason the audit log keeps: their status now,
// whether the red list holds them, their status history and the codes issued to them.

import { useSignal } from '@preact/signals';
import { LOOKUP_REASON_MIN } from '../../../shared/api/authority.js';
import { errorText, formatTime, reasonText } from '../../i18n/index.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { CorrectionForm } from './CorrectionForm.js';
import { busy, findPerson, lookup, lookupError } from './state.js';
import { t } from './strings.js';

const DOC = /^[A-Z0-9]{5,18}$/;

export function LookupSection() {
  const doc = useSignal('');
  const reason = useSignal('');
  const tried = useSignal(false);
  const docBad = tried.value && !DOC.test(doc.value.trim().toUpperCase());
  const reasonBad = tried.value && reason.value.trim().length < LOOKUP_REASON_MIN;
  const result = lookup.value;
  return (
    <section class="card stack" aria-labelledby="lookup-title" data-testid="admin-lookup">
      <h2 id="lookup-title">{t('lookup.title')}</h2>
      <form
        class="admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          tried.value = true;
          if (!DOC.test(doc.value.trim().toUpperCase()) || reason.value.trim().length < LOOKUP_REASON_MIN) return;
          void findPerson(doc.value.trim().toUpperCase(), reason.value.trim());
        }}
      >
        <label for="lookup-doc">{t('lookup.document')}</label>
        <input id="lookup-doc" name="document" autocomplete="off" value={doc.value} aria-invalid={docBad} aria-describedby="lookup-doc-help" onInput={(e) => (doc.value = e.currentTarget.value)} />
        <p id="lookup-doc-help" class={docBad ? 'error small' : 'muted small'}>
          {t('lookup.documentHelp')}
        </p>
        <label for="lookup-reason">{t('lookup.reason')}</label>
        <input id="lookup-reason" name="reason" required value={reason.value} aria-invalid={reasonBad} aria-describedby="lookup-reason-help" onInput={(e) => (reason.value = e.currentTarget.value)} />
        <p id="lookup-reason-help" class={reasonBad ? 'error small' : 'muted small'}>
          {t('lookup.reasonHelp')}
        </p>
        <button type="submit" class="btn" disabled={busy.value === 'lookup'}>
          {t('lookup.submit')}
        </button>
      </form>
      {lookupError.value && (
        <p class="error" role="alert">
          {errorText(lookupError.value.code, lookupError.value.retryAfterSec)}
        </p>
      )}
      {result && !result.person && <p data-testid="lookup-none">{t('lookup.none')}</p>}
      {result?.person && (
        <div class="stack" data-testid="lookup-person" data-status={result.person.status}>
          <h3>
            {result.person.name} · {result.person.documentNumber}
          </h3>
          <p>
            {t('lookup.status')}: <strong class={result.person.status === 'red' ? 'text-red' : 'text-green'}>{t(`status.${result.person.status}`)}</strong>
            {result.person.status === 'red' && ` · ${reasonText(result.person.reason)}`} · {result.person.redListed ? t('lookup.redListed') : t('lookup.notRedListed')}
            {result.person.statusUntil !== null && ` · ${t('lookup.until', { time: formatTime(result.person.statusUntil) })}`}
          </p>
          <p data-testid="lookup-national" data-disagreement={result.person.national?.disagreement ?? undefined}>
            {t('lookup.national')}:{' '}
            {result.person.national
              ? t('lookup.nationalState', { state: t(`national.${result.person.national.state}`), time: formatTime(result.person.national.asOf) })
              : t('lookup.nationalNone')}
            {result.person.national?.disagreement && (
              <>
                {' · '}
                <strong class="text-red">{t(`lookup.disagree.${result.person.national.disagreement}`)}</strong>
              </>
            )}
          </p>
          <CorrectionForm personId={result.person.id} />
          <h4>{t('lookup.history')}</h4>
          {result.events.length === 0 ? (
            <p class="muted">{t('lookup.noHistory')}</p>
          ) : (
            <TableRegion label={t('lookup.history')}>
              <table class="admin-table" data-testid="lookup-history">
              <thead>
                <tr>
                  <th scope="col">{t('col.time')}</th>
                  <th scope="col">{t('col.change')}</th>
                  <th scope="col">{t('col.cause')}</th>
                  <th scope="col">{t('col.actor')}</th>
                </tr>
              </thead>
              <tbody>
                {result.events.map((e, i) => (
                  <tr key={i}>
                    <td data-label={t('col.time')}>{formatTime(e.at)}</td>
                    <td data-label={t('col.change')}>
                      {t(`status.${e.from}`)} → {t(`status.${e.status}`)}
                      {e.status === 'red' && ` (${reasonText(e.reason)})`}
                    </td>
                    <td data-label={t('col.cause')}>{e.cause}</td>
                    <td data-label={t('col.actor')}>{e.actor}</td>
                  </tr>
                ))}
              </tbody>
              </table>
            </TableRegion>
          )}
          <h4>{t('lookup.codes')}</h4>
          <p class="muted small">{t('lookup.codesHelp')}</p>
          {result.codes.length === 0 ? (
            <p class="muted">{t('lookup.noCodes')}</p>
          ) : (
            <ul data-testid="lookup-codes">
              {result.codes.map((c, i) => (
                <li key={i} data-kind={c.kind}>
                  {[
                    formatTime(c.at),
                    t(`codeKind.${c.kind}`, { seq: c.seq ?? '' }),
                    c.status && t(`status.${c.status}`),
                    c.offline && t('code.offline'),
                    c.expiresAt !== null && t('code.validUntil', { time: formatTime(c.expiresAt) }),
                    c.revokedAt !== null && t('code.revoked', { time: formatTime(c.revokedAt) }),
                    c.actor,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
