// The bound phone (change, unbind), the data export, and deleting the account. Changing or giving
// up the account first asks for a fresh SMS code to the bound phone; the page says what stops
// working, and after deletion shows the receipt: what was deleted, what the law keeps pseudonymised.

import { useEffect } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import * as v from 'valibot';
import { DELETED_CATEGORIES, KEPT_CATEGORIES, accountControlApi } from '../../../shared/api/account.js';
import { PhoneSchema } from '../../../shared/api/auth.js';
import { signOut } from '../../app/session.js';
import { failureCode } from '../../http.js';
import { errorText, formatTime, lang } from '../../i18n/index.js';
import { useNow } from '../../ui/useNow.js';
import { changePhone, deleteAccount, loadPhone, phone, receipt, requestNewPhoneCode, requestReverifyCode, reverify, unbindPhone } from './state.js';
import { t } from './strings.js';

type ErrorThunk = (() => string) | null;
const fail = (e: unknown): ErrorThunk => {
  const f = failureCode(e);
  return () => errorText(f.code, f.retryAfterSec);
};

/** Sends a code to the bound phone and confirms it: this session may then change the account for 5 minutes. */
function Reverify() {
  const sent = useSignal(false);
  const code = useSignal('');
  const error = useSignal<ErrorThunk>(null);
  const busy = useSignal(false);
  async function run(fn: () => Promise<unknown>) {
    busy.value = true;
    error.value = null;
    try {
      await fn();
    } catch (e) {
      error.value = fail(e);
    } finally {
      busy.value = false;
    }
  }
  return (
    <div class="stack" data-testid="reverify">
      <p>{t('reverify.why')}</p>
      {!sent.value ? (
        <button type="button" class="btn" data-testid="reverify-send" disabled={busy.value} onClick={() => void run(async () => { await requestReverifyCode(); sent.value = true; })}>
          {t('reverify.send')}
        </button>
      ) : (
        <form class="stack" noValidate onSubmit={(e) => { e.preventDefault(); void run(() => reverify(code.value)); }}>
          <label class="field">
            <span>{t('reverify.code')}</span>
            <input data-testid="reverify-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code.value} aria-describedby={error.value ? 'reverify-error' : undefined} aria-invalid={error.value ? true : undefined} onInput={(e) => (code.value = e.currentTarget.value.replace(/\D/g, '').slice(0, 6))} />
          </label>
          <button type="submit" class="btn btn-primary" data-testid="reverify-confirm" disabled={busy.value}>
            {t('reverify.confirm')}
          </button>
        </form>
      )}
      {error.value && <p id="reverify-error" class="error" role="alert">{error.value()}</p>}
    </div>
  );
}

function PhoneActions() {
  const newPhone = useSignal('');
  const newCode = useSignal('');
  const sentTo = useSignal<string | null>(null);
  const error = useSignal<ErrorThunk>(null);
  const busy = useSignal(false);
  async function run(fn: () => Promise<unknown>) {
    busy.value = true;
    error.value = null;
    try {
      await fn();
    } catch (e) {
      error.value = fail(e);
    } finally {
      busy.value = false;
    }
  }
  const errorId = error.value ? 'phone-error' : undefined;
  return (
    <div class="stack">
      <button type="button" class="btn btn-danger" data-testid="unbind-phone" disabled={busy.value} onClick={() => void run(unbindPhone)}>
        {t('phone.unbind')}
      </button>
      <form class="stack" noValidate onSubmit={(e) => {
        e.preventDefault();
        if (!sentTo.value) {
          const parsed = v.safeParse(PhoneSchema, newPhone.value);
          if (!parsed.success) { error.value = () => t('phone.invalid'); return; }
          void run(async () => { await requestNewPhoneCode(parsed.output); sentTo.value = parsed.output; });
        } else void run(() => changePhone(sentTo.value!, newCode.value));
      }}>
        <label class="field">
          <span>{t('phone.new')}</span>
          <input data-testid="new-phone" type="tel" inputMode="tel" autoComplete="tel" value={newPhone.value} readOnly={!!sentTo.value} aria-describedby={errorId} aria-invalid={error.value && !sentTo.value ? true : undefined} onInput={(e) => (newPhone.value = e.currentTarget.value)} />
        </label>
        {sentTo.value && (
          <label class="field">
            <span>{t('phone.newCode')}</span>
            <input data-testid="new-phone-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={newCode.value} aria-describedby={errorId} aria-invalid={error.value ? true : undefined} onInput={(e) => (newCode.value = e.currentTarget.value.replace(/\D/g, '').slice(0, 6))} />
          </label>
        )}
        <button type="submit" class="btn" data-testid="change-phone" disabled={busy.value}>
          {sentTo.value ? t('phone.change') : t('phone.sendNew')}
        </button>
      </form>
      {error.value && <p id="phone-error" class="error" role="alert">{error.value()}</p>}
    </div>
  );
}

function Receipt() {
  const r = receipt.value!;
  return (
    <section class="card stack" data-testid="deletion-receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('delete.receiptTitle')}</h2>
      <p>{t('delete.receiptId', { id: r.receiptId, time: formatTime(r.deletedAt) })}</p>
      <h3>{t('delete.deletedTitle')}</h3>
      <ul>{r.deleted.map((c) => <li key={c}>{t(`deleted.${c}`)}</li>)}</ul>
      <h3>{t('delete.keptTitle')}</h3>
      <ul>{r.keptPseudonymised.map((c) => <li key={c}>{t(`kept.${c}`)}</li>)}</ul>
      <p class="muted small">{t('delete.pseudonym', { id: r.pseudonym })}</p>
      <button type="button" class="btn btn-block" onClick={() => void signOut()}>{t('delete.done')}</button>
    </section>
  );
}

export function ControlSection() {
  const now = useNow(15_000);
  const error = useSignal<ErrorThunk>(null);
  useEffect(() => {
    void loadPhone();
  }, []);
  if (receipt.value) return <Receipt />;
  const p = phone.value;
  const fresh = p?.freshUntil != null && p.freshUntil > now;
  return (
    <>
      <section class="stack" aria-labelledby="phone-title" data-testid="phone-section">
        <h2 id="phone-title">{t('phone.title')}</h2>
        {p && (
          <>
            <p data-testid="bound-phone">{t('phone.bound', { phone: p.phone, time: formatTime(p.boundSince) })}</p>
            <div class="banner banner-warn" data-testid="unbind-warning">
              <span>{t('phone.warning', { members: p.familyMembers, records: p.records })}</span>
            </div>
            <p class="muted small">{t('phone.again')}</p>
            {fresh ? (
              <>
                <p class="chip chip-ok" data-testid="reverified">{t('reverify.done', { time: formatTime(p.freshUntil!) })}</p>
                <PhoneActions />
              </>
            ) : (
              <Reverify />
            )}
          </>
        )}
      </section>
      <section class="stack" aria-labelledby="export-title" data-testid="export-section">
        <h2 id="export-title">{t('export.title')}</h2>
        <p>{t('export.what')}</p>
        <div class="row">
          <a class="btn" href={accountControlApi.exportJson.path} download data-testid="export-json">{t('export.json')}</a>
          <a class="btn" href={`${accountControlApi.exportCsv.path}?lang=${lang.value}`} download data-testid="export-csv">{t('export.csv')}</a>
        </div>
      </section>
      <section class="stack" aria-labelledby="delete-title" data-testid="delete-section">
        <h2 id="delete-title">{t('delete.title')}</h2>
        <h3>{t('delete.deletedTitle')}</h3>
        <ul>{DELETED_CATEGORIES.map((c) => <li key={c}>{t(`deleted.${c}`)}</li>)}</ul>
        <h3>{t('delete.keptTitle')}</h3>
        <ul>{KEPT_CATEGORIES.map((c) => <li key={c}>{t(`kept.${c}`)}</li>)}</ul>
        {fresh ? (
          <button type="button" class="btn btn-danger btn-block" data-testid="delete-account" onClick={async () => {
            try { await deleteAccount(); } catch (e) { error.value = fail(e); }
          }}>
            {t('delete.button')}
          </button>
        ) : (
          <p class="muted">{t('delete.needsCode')}</p>
        )}
        {error.value && <p class="error" role="alert">{error.value()}</p>}
      </section>
    </>
  );
}
