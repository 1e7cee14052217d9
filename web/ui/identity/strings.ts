// The identity form's strings (field labels, document types, one message per problem code), a
// table of their own so the traveller's form and the family page share them.

import { defineStrings } from '../../i18n/index.js';
import type { identityStrings } from './identity-strings.zh-CN.js';

export const { t: identityText, has: hasIdentityText } = defineStrings<keyof typeof identityStrings>('identity', {
  'zh-CN': () => import('./identity-strings.zh-CN.js').then((m) => m.identityStrings),
  en: () => import('./identity-strings.en.js').then((m) => m.identityStrings),
});

/** The message for a problem code from the server or the page's own check, or a general one. */
export function problemText(problem: string): string {
  const key = `identity.${problem}`;
  return hasIdentityText(key) ? identityText(key) : identityText('identity.identity-not-found');
}
