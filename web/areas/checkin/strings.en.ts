// English for the visitor's check-in page, typed against the Chinese table.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'checkin.title': 'Check in',
  'checkin.checking': 'Checking the check-in code…',
  'checkin.done': 'Checked in',
  'checkin.venue': 'Venue',
  'checkin.time': 'Time',
  'checkin.showInspector': 'Show this screen to the inspector',
  'checkin.queued': 'No network: the check-in is saved on this phone and sent once online.',
  'checkin.sent': 'Sent',
  'checkin.refused': 'Cannot check in',
  'checkin.reason.malformed': 'This is not a valid check-in code. Scan the code the gate shows.',
  'checkin.reason.bad-signature': 'The check-in code does not verify and may be forged. Scan the code the gate shows.',
  'checkin.reason.unknown-key': 'This check-in code is not from this system, or this phone’s key list is out of date. Go online and try again, or scan the code the gate shows.',
  'checkin.reason.wrong-day': 'This check-in code is not today’s. Scan the code the gate shows now.',
  'checkin.reason.server': 'The server refused this check-in: {msg}',
  'checkin.noCode': 'The link holds no check-in code. Scan the code the gate shows with your camera.',
  'checkin.myCode': 'My health code',
};
