// The person's organisations: each with the label it knows them by and their tag, a way to leave,
// and joining by the join code — scanned with the camera or pasted (a join link works too). For a
// family member (`forName`), the same for them: their organisation, the label it knows them by.

import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { Membership } from '../../../shared/api/declarations.js';
import { errorText } from '../../i18n/index.js';
import { startCamera, type ScannerHandle } from './camera.js';
import { join, joinCodeIn, leave } from './state.js';
import { t } from './strings.js';

export function OrgsSection({ userId, memberships, initialCode, forName }: { userId: string; memberships: Membership[]; initialCode?: string; forName?: string }) {
  const labelName = forName === undefined ? t('orgs.label') : t('orgs.labelFor', { name: forName });
  const code = useSignal(initialCode ?? '');
  const label = useSignal('');
  const errors = useSignal<{ code?: string; label?: string }>({});
  const failure = useSignal<string | null>(null);
  const notice = useSignal<string | null>(null);
  const busy = useSignal(false);
  const scanning = useSignal(false);
  const cameraBox = useRef<HTMLDivElement>(null);
  const scanner = useRef<ScannerHandle | null>(null);
  const labelInput = useRef<HTMLInputElement>(null);

  const stopScan = () => {
    void scanner.current?.stop();
    scanner.current = null;
    scanning.value = false;
  };
  useEffect(() => stopScan, []);

  async function scan() {
    if (scanning.value) return stopScan();
    scanning.value = true;
    failure.value = null;
    // The box renders first; the camera goes into it.
    await new Promise((r) => setTimeout(r, 0));
    try {
      scanner.current = await startCamera(
        cameraBox.current!,
        (text) => {
          const found = joinCodeIn(text);
          if (!found) return;
          code.value = found;
          errors.value = { ...errors.value, code: undefined };
          stopScan();
          labelInput.current?.focus();
        },
        () => {
          failure.value = t('orgs.cameraFailed');
          stopScan();
        },
      );
    } catch {
      failure.value = t('orgs.cameraFailed');
      scanning.value = false;
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    const found = joinCodeIn(code.value);
    const trimmed = label.value.trim();
    errors.value = {
      code: found ? undefined : t('form.joinCode'),
      label: trimmed === '' ? t('form.required') : trimmed.length > 40 ? t('form.tooLong', { n: 40 }) : undefined,
    };
    failure.value = null;
    notice.value = null;
    if (!found || errors.value.label) return;
    busy.value = true;
    const result = await join(userId, found, trimmed);
    busy.value = false;
    if ('failure' in result) {
      const failed = result.failure;
      if (failed.code === 'join_code_unknown') errors.value = { code: errorText(failed.code) };
      else failure.value = errorText(failed.code, failed.retryAfterSec);
      return;
    }
    code.value = '';
    label.value = '';
    notice.value = t('orgs.joined', { name: result.membership.orgName });
  }

  return (
    <section class="card stack" aria-labelledby="orgs-title" data-testid="declare-orgs">
      <h2 id="orgs-title">{t('orgs.title')}</h2>
      {memberships.length === 0 ? (
        <p class="muted">{forName === undefined ? t('orgs.none') : t('orgs.noneFor', { name: forName })}</p>
      ) : (
        <ul class="stack plain-list">
          {memberships.map((m) => (
            <li key={m.orgId} class="row membership" data-testid="membership">
              <div>
                <strong>{m.orgName}</strong> <span class="muted small">{t(`kind.${m.kind}`)}</span>
                <div class="small">
                  {labelName}: <span data-testid="membership-label">{m.label}</span> · {t('orgs.tag')}: <span class="code-text" data-testid="membership-tag">{m.tag}</span>
                </div>
              </div>
              <button
                type="button"
                class="btn btn-small"
                data-testid="membership-leave"
                onClick={async () => {
                  const failed = await leave(userId, m.orgId);
                  if (failed) failure.value = errorText(failed.code, failed.retryAfterSec);
                  else notice.value = t('orgs.left', { name: m.orgName });
                }}
              >
                {t('orgs.leave')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('orgs.join')}</h3>
      <p class="muted small">{forName === undefined ? t('orgs.joinIntro') : t('orgs.joinIntroFor', { name: forName })}</p>
      <form class="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="join-form">
        <label class="field">
          <span>{t('orgs.code')}</span>
          <input data-testid="join-code" value={code.value} autoComplete="off" autoCapitalize="characters" spellcheck={false} maxLength={300} aria-invalid={!!errors.value.code} aria-describedby={errors.value.code ? 'join-code-error' : undefined} onInput={(e) => (code.value = e.currentTarget.value)} />
          {errors.value.code && (
            <span class="field-error" id="join-code-error" data-testid="join-code-error">
              {errors.value.code}
            </span>
          )}
        </label>
        <button type="button" class="btn" data-testid="join-scan" onClick={() => void scan()}>
          {scanning.value ? t('orgs.stopScan') : t('orgs.scan')}
        </button>
        {scanning.value && <div class="join-camera" ref={cameraBox} data-testid="join-camera" />}
        <label class="field">
          <span>{labelName}</span>
          <input ref={labelInput} data-testid="join-label" value={label.value} maxLength={80} aria-invalid={!!errors.value.label} aria-describedby={['join-label-hint', errors.value.label ? 'join-label-error' : ''].filter(Boolean).join(' ')} onInput={(e) => (label.value = e.currentTarget.value)} />
          <span class="muted small" id="join-label-hint">
            {t('orgs.labelHint')}
          </span>
          {errors.value.label && (
            <span class="field-error" id="join-label-error" data-testid="join-label-error">
              {errors.value.label}
            </span>
          )}
        </label>
        {failure.value && (
          <p class="error" role="alert" data-testid="orgs-error">
            {failure.value}
          </p>
        )}
        {notice.value && (
          <p class="chip chip-ok" role="status" data-testid="orgs-notice">
            {notice.value}
          </p>
        )}
        <button type="submit" class="btn btn-primary" data-testid="join-submit" disabled={busy.value}>
          {t('orgs.joinSubmit')}
        </button>
      </form>
    </section>
  );
}
