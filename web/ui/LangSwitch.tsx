// The visible language switch: shows the other language's own name, as people look for it. Its
// accessible name starts with that visible text (WCAG 2.5.3), then says what the button does.

import { lang, setLang, t } from '../i18n/index.js';

export function LangSwitch() {
  return (
    <button type="button" class="lang-switch" data-testid="lang-switch" aria-label={`${t('lang.other')} · ${t('lang.label')}`} onClick={() => void setLang(lang.value === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('lang.other')}
    </button>
  );
}
