// English for the holder's code page, typed against the Chinese table so a missing key fails the build.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'code.title': 'My health code',
  'code.green': 'Green',
  'code.greenHint': 'You may pass',
  'code.red': 'Red',
  'code.redHint': 'Do not enter; follow local health guidance',
  'code.reason': 'Reason: {reason}',
  'code.updated': 'Updated {ago}',
  'code.expiresAt': 'Valid until {time}',
  'code.expired': 'This code has expired. Go online to refresh it.',
  'code.offline': 'Offline: showing the code saved on this phone',
  'code.none': 'No code yet. Go online and try again.',
  'code.loading': 'Getting your code…',
  'code.refresh': 'Refresh',
  'code.name': 'Name',
  'code.kind.resident': 'Resident code',
  'code.kind.traveller': 'Inbound traveller code',
  'code.kind.dependent': 'Family member code',
  'code.kind.printed': 'Printed code',
  'live.note': 'Live code · changes every 5 s; a screenshot will not pass',
  'live.minutes': '{n} min',
  'live.clockBehind': 'This phone’s clock is {by} behind: turn on automatic time in the phone’s settings, or gates may take your live code for a screenshot',
  'live.clockAhead': 'This phone’s clock is {by} ahead: turn on automatic time in the phone’s settings, or gates may take your live code for a screenshot',
};
