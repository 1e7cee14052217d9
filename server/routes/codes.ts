// GET /api/me/code: a freshly signed code for the signed-in holder. Never cached by the browser
// or a proxy: the PWA keeps its own copy for offline use.

import { Hono } from 'hono';
import { API, type MyCodeResponse } from '../../shared/api.js';
import type { CodeService } from '../services/codes.js';
import { currentUser, requireRole, type AppEnv } from './context.js';

export function codeRoutes(codes: CodeService): Hono<AppEnv> {
  return new Hono<AppEnv>().get(API.myCode, requireRole('holder'), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json((await codes.myCode(currentUser(c))) satisfies MyCodeResponse);
  });
}
