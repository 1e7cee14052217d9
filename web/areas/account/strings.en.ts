// English for the account page, typed against the Chinese table so a missing key fails the build.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'account.title': 'Account and devices',
  'devices.title': 'Signed-in devices',
  'devices.intro': 'These devices are signed in to your account. End any you do not recognise.',
  'devices.loading': 'Reading your devices…',
  'devices.unknown': 'Unknown device',
  'devices.this': 'This device',
  'devices.mobile': 'Phone',
  'devices.computer': 'Computer',
  'devices.firstSeen': 'Signed in {time}',
  'devices.lastSeen': 'Last used {ago}',
  'devices.remembered': 'Remembered for 30 days, until {time}',
  'devices.notRemembered': 'Signed out when the browser closes or after 12 hours, at the latest {time}',
  'devices.end': 'Sign this device out',
  'devices.endThis': 'Sign out on this device',
  'devices.forget': 'Stop remembering this device',
  'devices.forgetHint': 'Afterwards you sign in again when the browser closes or after 12 hours',
  'devices.endOthers': 'Sign out all other devices',
  'devices.endedOthers': '{n} other devices were signed out',
  'devices.onlyThis': 'Only this device is signed in to your account',
  'devices.retry': 'Try again',
  'devices.offline': 'Seeing and managing devices needs a connection',
  'devices.label': '{browser} · {os}',
};
