// Tokens for the feed systems (laboratories, disease control, the national platform): make one
// for a source and the feeds it may post — the token is shown this once, the server keeps only its
// hash — list them, revoke one. Making and revoking are audited on the server.

import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { FEED_KINDS, type FeedKind } from '../../../shared/feeds.js';
import { errorText, formatTime, lang } from '../../i18n/index.js';
import { TableRegion } from '../../ui/TableRegion.js';
import { createToken, loadTokens, newToken, revokeToken, tokens, tokensError } from './state.js';
import { t } from './strings.js';

const SOURCE = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function FeedTokensSection() {
  useEffect(() => {
    void loadTokens();
  }, []);
  const source = useSignal('');
  const feeds = useSignal<FeedKind[]>([]);
  const tried = useSignal(false);
  const sourceBad = tried.value && !SOURCE.test(source.value);
  const feedsBad = tried.value && feeds.value.length === 0;
  const made = newToken.value;
  const list = tokens.value;
  return (
    <section class="card stack" aria-labelledby="tokens-title" data-testid="admin-tokens">
      <h2 id="tokens-title">{t('tokens.title')}</h2>
      <form
        class="admin-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          tried.value = true;
          if (!SOURCE.test(source.value) || feeds.value.length === 0) return;
          void createToken(source.value, feeds.value);
          tried.value = false;
          source.value = '';
          feeds.value = [];
        }}
      >
        <label for="token-source">{t('tokens.source')}</label>
        <input id="token-source" autocomplete="off" value={source.value} aria-invalid={sourceBad} aria-describedby="token-source-help" onInput={(e) => (source.value = e.currentTarget.value.trim())} />
        <p id="token-source-help" class={sourceBad ? 'error small' : 'muted small'}>
          {t('tokens.sourceHelp')}
        </p>
        <fieldset class="stack" aria-describedby="token-feeds-help">
          <legend>{t('tokens.feeds')}</legend>
          {FEED_KINDS.map((k) => (
            <label key={k} class="check">
              <input
                type="checkbox"
                checked={feeds.value.includes(k)}
                onChange={(e) => (feeds.value = e.currentTarget.checked ? [...feeds.value, k] : feeds.value.filter((f) => f !== k))}
              />
              {t(`import.feed.${k}`)}
            </label>
          ))}
        </fieldset>
        <p id="token-feeds-help" class={feedsBad ? 'error small' : 'muted small'}>
          {t('tokens.feedsHelp')}
        </p>
        <button type="submit" class="btn">
          {t('tokens.create')}
        </button>
      </form>
      {made && (
        <div class="banner-warn card stack" role="status" data-testid="token-made">
          <p>
            <strong>{t('tokens.madeOnce', { source: made.source })}</strong>
          </p>
          <label for="token-value">{t('tokens.value')}</label>
          <input id="token-value" class="token-value" readOnly value={made.token} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      {tokensError.value && (
        <p class="error" role="alert">
          {errorText(tokensError.value.code, tokensError.value.retryAfterSec)}
        </p>
      )}
      {list && list.length === 0 && <p class="muted">{t('tokens.none')}</p>}
      {list && list.length > 0 && (
        <TableRegion label={t('tokens.list')}>
          <table class="admin-table" data-testid="token-list">
            <thead>
              <tr>
                <th scope="col">{t('tokens.source')}</th>
                <th scope="col">{t('tokens.feeds')}</th>
                <th scope="col">{t('col.time')}</th>
                <th scope="col">{t('col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((k) => (
                <tr key={k.id} data-testid="token-row" data-source={k.source} data-revoked={k.revokedAt !== null ? 'true' : undefined}>
                  <td data-label={t('tokens.source')}>{k.source}</td>
                  <td data-label={t('tokens.feeds')}>{k.feeds.map((f) => t(`import.feed.${f}`)).join(lang.value === 'en' ? ', ' : '、')}</td>
                  <td data-label={t('col.time')}>{formatTime(k.createdAt)}</td>
                  <td data-label={t('col.status')}>
                    {k.revokedAt !== null ? (
                      t('tokens.revokedAt', { time: formatTime(k.revokedAt) })
                    ) : (
                      <button type="button" class="btn btn-small btn-danger" data-testid="revoke-token" onClick={() => void revokeToken(k.id)}>
                        {t('tokens.revoke', { source: k.source })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
