// "A new version is available": the app shows it only while the outbox is idle (see app/update.ts).

import { t } from '../i18n/index.js';

export function UpdatePrompt({ onUpdate, onLater }: { onUpdate: () => void; onLater: () => void }) {
  return (
    <div class="banner banner-info" data-testid="update-prompt" role="status">
      <span>{t('update.available')}</span>
      <button type="button" class="btn btn-small btn-primary" onClick={onUpdate}>
        {t('update.reload')}
      </button>
      <button type="button" class="btn btn-small" onClick={onLater}>
        {t('update.later')}
      </button>
    </div>
  );
}
