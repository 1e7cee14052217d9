// How services re-verify a code: the server's own trust store (every key it ever had, in its
// current state) and its live red list, through the same verifyCode the devices run.

import type { Verdict } from '../../shared/code/verify.js';

export interface CodeVerifier {
  verify(text: string, now: number): Promise<Verdict>;
}
