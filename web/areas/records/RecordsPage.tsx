// A holder's health records: the code's colour (and, when red, why and how to get it cleared),
// tests, health notices, entries, temperature checks at venues (never who checked) and the code
// displays of the last 3 days, and daily health declarations (superseded ones marked). Shown from
// the phone's copy first, so it works offline. A guardian picks whose records: their own or a
// family member's.

import { useEffect } from 'preact/hooks';
import type { PersonRecords } from '../../../shared/api/records.js';
import { guidanceFor } from '../../../shared/guidance.js';
import { offline } from '../../app/network.js';
import { me } from '../../app/session.js';
import { ago, errorText, formatTime, lang } from '../../i18n/index.js';
import { NationalNotice } from '../../ui/NationalNotice.js';
import { useNow } from '../../ui/useNow.js';
import { loadRecords, loadRecordsMembers, queued, records, recordsError, recordsFetching, recordsMembers, shownRecords } from './state.js';
import { t } from './strings.js';

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) {
  return (
    <section class="card stack" aria-labelledby={`${id}-title`} data-testid={`records-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

const Empty = () => <p class="muted">{t('records.empty')}</p>;

/** A section's table under its column names; it scrolls sideways when wider than the card (focusable, so a keyboard can scroll it). */
function Table({ head, children }: { head: string[]; children: preact.ComponentChildren }) {
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([lang.value], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function Status({ r }: { r: PersonRecords }) {
  const guidance = r.status === 'red' ? guidanceFor(r.reason, lang.value) : undefined;
  return (
    <section class={`card stack records-status ${r.status === 'red' ? 'is-red' : 'is-green'}`} data-testid="records-status" data-status={r.status}>
      <p>
        <strong>{guidance ? t('records.status.red', { title: guidance.title }) : t('records.status.green')}</strong>
      </p>
      {guidance && (
        <>
          <h2>{t('records.howToClear')}</h2>
          <ol class="stack" data-testid="red-guidance">
            {guidance.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Records({ r, now }: { r: PersonRecords; now: number }) {
  const facts = [r.sex && t(`records.sex.${r.sex}`), r.ageBand && t('records.age', { band: r.ageBand })].filter(Boolean).join(' · ');
  const waiting = queued.value;
  return (
    <>
      <p class="muted" data-testid="records-person">
        {r.maskedName}
        {facts && ` · ${facts}`}
      </p>
      <Status r={r} />
      {r.national && <NationalNotice national={r.national} local={r.status} />}
      <Section id="tests" title={t('tests.title')}>
        {r.tests.length === 0 ? (
          <Empty />
        ) : (
          <Table head={[t('tests.sampled'), t('tests.kind'), t('tests.result'), t('tests.institution')]}>
            {r.tests.map((x) => (
              <tr key={x.id}>
                <td>{formatTime(x.sampledAt)}</td>
                <td>{t(`tests.kind.${x.kind}`)}</td>
                <td class={x.result === 'positive' ? 'text-red' : ''}>{t(`tests.result.${x.result}`)}</td>
                <td>
                  {x.institution}
                  {x.source === 'authority' && (
                    <>
                      <br />
                      <span class="muted" data-testid="test-source">
                        {t('tests.fromAuthority')}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="notices" title={t('notices.title')}>
        {r.notices.length === 0 ? (
          <Empty />
        ) : (
          <ul class="plain-list stack">
            {r.notices.map((n) => (
              <li key={n.id}>
                <strong>{t(`notices.kind.${n.kind}`)}</strong> · {t(`notices.state.${n.state}`)}
                {n.validUntil !== null && ` · ${t('notices.validUntil', { time: formatTime(n.validUntil) })}`}
                <br />
                <span class="muted small">{t('notices.issued', { issuer: n.issuer, time: formatTime(n.issuedAt) })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="entries" title={t('entries.title')}>
        {r.entries.length === 0 ? (
          <Empty />
        ) : (
          <ul class="plain-list stack">
            {r.entries.map((e) => (
              <li key={e.id}>
                <dl class="facts">
                  <dt>{t('entries.date')}</dt>
                  <dd>{e.entryDate}</dd>
                  <dt>{t('entries.from')}</dt>
                  <dd>{countryName(e.country)}</dd>
                  <dt>{t('entries.document')}</dt>
                  <dd>
                    {t(`doc.${e.documentType}`)} {e.documentNumber}
                  </dd>
                  <dt>{t('entries.port')}</dt>
                  <dd>{e.port}</dd>
                  <dt>{t('entries.transport')}</dt>
                  <dd>
                    {t(`entries.transport.${e.transport}`)} {e.transportDetail}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="checks" title={t('checks.title')}>
        <p class="muted small">{t('checks.note')}</p>
        {r.temperatureChecks.length === 0 ? (
          <Empty />
        ) : (
          <Table head={[t('checks.time'), t('checks.venue'), t('checks.temperature')]}>
            {r.temperatureChecks.map((c) => (
              <tr key={`${c.at}-${c.venueName}`}>
                <td>{formatTime(c.at)}</td>
                <td>{c.venueName}</td>
                <td class={c.fever ? 'text-red' : ''}>
                  {c.temperature.toFixed(1)} °C · {c.fever ? t('checks.fever') : t('checks.normal')}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="declarations" title={t('declarations.title')}>
        <p class="muted small">{t('declarations.rule')}</p>
        {/* A copy saved before declarations existed has none. */}
        {(r.declarations ?? []).length === 0 ? (
          <Empty />
        ) : (
          <Table head={[t('declarations.time'), t('declarations.to'), t('declarations.what'), t('declarations.state')]}>
            {(r.declarations ?? []).map((d) => (
              <tr key={d.id} data-testid="declaration-row" data-superseded={d.superseded ? 'yes' : 'no'}>
                <td>{formatTime(d.declaredAt)}</td>
                <td>{d.orgName ?? t('declarations.self')}</td>
                <td>
                  {[
                    d.symptoms.length ? d.symptoms.map((x) => t(`symptom.${x}`)).join(', ') : t('declarations.noSymptoms'),
                    `${d.temperature.toFixed(1)} °C`,
                    ...(d.travel ? [t('declarations.travel', { where: d.travelWhere })] : []),
                    ...(d.keyContact ? [t('declarations.keyContact')] : []),
                  ].join(' · ')}
                </td>
                <td>{d.superseded ? t('declarations.superseded') : t('declarations.latest')}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section id="displays" title={t('displays.title')}>
        {r.codeDisplays.length + waiting.length === 0 ? (
          <Empty />
        ) : (
          <Table head={[t('displays.time'), t('displays.status'), t('displays.how')]}>
            {waiting.map((d) => (
              <tr key={d.id} data-testid="display-row" data-offline="queued">
                <td>{formatTime(d.shownAt)}</td>
                <td>{t(`displays.${d.status}`)}</td>
                <td>{t('displays.queued')}</td>
              </tr>
            ))}
            {r.codeDisplays.map((d) => (
              <tr key={`${d.shownAt}`} data-testid="display-row" data-offline={d.offline ? 'yes' : 'no'}>
                <td>{formatTime(d.shownAt)}</td>
                <td>{t(`displays.${d.status}`)}</td>
                <td>{d.offline ? t('displays.offline') : t('displays.online')}</td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <p class="muted small">{t('records.updated', { ago: ago(records.value?.fetchedAt, now) })}</p>
    </>
  );
}

/** Whose records: the account's own person or a family member it looks after (shown when there are members). */
function WhoseRecords({ userId }: { userId: string }) {
  const list = recordsMembers.value;
  if (list.length < 2) return null;
  const selfId = list.find((m) => m.relation === 'self')?.id;
  return (
    <label class="field">
      <span>{t('records.whose')}</span>
      <select
        data-testid="records-whose"
        value={shownRecords.value ?? selfId ?? ''}
        onChange={(e) => {
          const id = e.currentTarget.value;
          void loadRecords(userId, id === selfId ? null : id);
        }}
      >
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {m.relation === 'self' ? t('records.whose.self', { name: m.maskedName }) : m.maskedName}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function RecordsPage() {
  const userId = me.value?.id;
  const now = useNow(30_000);
  useEffect(() => {
    if (!userId) return;
    void loadRecords(userId);
    void loadRecordsMembers(userId);
  }, [userId]);
  const cached = records.value;
  return (
    <div class="records-page stack" data-testid="records-page">
      <h1>{t('records.title')}</h1>
      {userId && <WhoseRecords userId={userId} />}
      {(offline.value || recordsError.value) && cached && (
        <p class="chip chip-offline" data-testid="records-offline">
          {t('records.offline')}
        </p>
      )}
      {recordsError.value && !cached && !offline.value && <p class="error">{errorText(recordsError.value.code, recordsError.value.retryAfterSec)}</p>}
      {cached ? (
        <Records r={cached.records} now={now} />
      ) : cached === undefined || recordsFetching.value ? (
        <p>{t('records.loading')}</p>
      ) : (
        <p>{t('records.none')}</p>
      )}
      {userId && (
        <button type="button" class="btn btn-small" disabled={recordsFetching.value} onClick={() => void loadRecords(userId)}>
          {t('records.retry')}
        </button>
      )}
    </div>
  );
}
