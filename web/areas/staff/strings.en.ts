// English for the staff area, typed against the Chinese table so a missing key fails the build.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'home.title': 'Welcome',
  'home.role': 'Signed in as: {role}',
  'home.noPage': 'This role works in the back office.',
  'home.dashboard': 'Venue statistics',
  'role.holder': 'Resident',
  'role.inspector': 'Inspector',
  'role.manager': 'Venue manager',
  'role.org-admin': 'Organisation admin',
  'role.admin': 'Health authority admin',
};
