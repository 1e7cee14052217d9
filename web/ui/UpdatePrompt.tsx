// "A new version is available": rendered only while the outbox is idle (see state/update.ts).

import { t } from '../i18n/index.js';
import { applyUpdate, dismissUpdate, showUpdatePrompt } from '../state/update.js';

export function UpdatePrompt() {
  if (!showUpdatePrompt.value) return null;
  return (
    <div class="banner banner-info" data-testid="update-prompt" role="status">
      <span>{t('update.available')}</span>
      <button type="button" class="btn btn-small btn-primary" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
      <button type="button" class="btn btn-small" onClick={dismissUpdate}>
        {t('update.later')}
      </button>
    </div>
  );
}
