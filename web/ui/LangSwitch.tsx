// The visible language switch: shows the other language's own name, as people look for it.

import { lang, setLang, t } from '../i18n/index.js';

export function LangSwitch() {
  return (
    <button type="button" class="lang-switch" data-testid="lang-switch" aria-label={t('lang.label')} onClick={() => void setLang(lang.value === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('lang.other')}
    </button>
  );
}
