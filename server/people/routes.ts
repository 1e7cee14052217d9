// GET /api/me/code: a freshly signed code for the signed-in holder. Never cached by the browser
// or a proxy: the PWA keeps its own copy for offline use.

import { peopleApi } from '../../shared/api/people.js';
import type { ApiRouter } from '../http/route.js';
import type { CodeService } from './codes.js';

export function peopleRoutes(api: ApiRouter, codes: CodeService): void {
  api.on(peopleApi.myCode, async ({ actor, c }) => {
    c.header('Cache-Control', 'no-store');
    return codes.myCode(actor);
  });
}
