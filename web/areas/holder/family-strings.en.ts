// English for the family and print pages, typed against the Chinese table.

import type { familyZhCN } from './family-strings.zh-CN.js';

export const familyEn: Record<keyof typeof familyZhCN, string> = {
  'family.title': 'Family members',
  'family.titleCompanions': 'Companions',
  'family.none': 'No family members yet. Add children and older relatives without a phone: each has their own code.',
  'family.noneCompanions': 'No companions yet. Each companion has their own code, shown on this phone.',
  'family.add': 'Add a family member',
  'family.addCompanion': 'Add a companion',
  'family.adding': 'Checking…',
  'family.added': '{name} added. Tap the name on the code page to switch.',
  'family.realName': 'Real-name check: the name and document number must match the registration (it does not check who you are). Someone added by two guardians is one person with one code.',
  'family.remove': 'Remove',
  'family.removeConfirm': 'Stop showing {name}’s code on this account?',
  'family.back': 'Back to the code',
  'print.title': 'Print a health code',
  'print.titleFamily': 'Print the family’s health codes',
  'print.revokes': 'Making new printed codes cancels every code printed for these people before (gates catch old ones even offline).',
  'print.make': 'Make printed codes',
  'print.making': 'Making…',
  'print.print': 'Print (A4, card size)',
  'print.issued': 'Issued {date}',
  'print.validUntil': 'Valid until {time}',
  'print.seq': 'Print no. {n}',
  'print.saveImage': 'Save as image',
  'family.print': 'Print',
  'family.printAll': 'Print the whole family (one A4 sheet)',
};
