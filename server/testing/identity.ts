// Test identities: valid mainland ID numbers with a chosen birth date and sex.

import { mainlandIdCheckChar } from '../../shared/documents.js';

/** Region 110101, the birth date, a three-digit sequence whose last digit is the sex (odd = male), the check character. */
export function mainlandId(birth: string, sequence: string): string {
  const first17 = `110101${birth.replaceAll('-', '')}${sequence}`;
  return first17 + mainlandIdCheckChar(first17);
}
