// English strings of the identity form, the same keys as identity-strings.zh-CN.ts (the type and
// identity-strings.test.ts check).

import type { identityStrings as zhCN } from './identity-strings.zh-CN.js';

export const identityStrings: Record<keyof typeof zhCN, string> = {
  'identity.type.mainland-id': 'Mainland ID card',
  'identity.type.hk-macau-permit': 'Hong Kong/Macao permit',
  'identity.type.taiwan-permit': 'Taiwan permit',
  'identity.type.passport': 'Passport',

  'identity.field.name': 'Name',
  'identity.field.documentType': 'Document type',
  'identity.field.documentNumber': 'Document number',
  'identity.field.issueCount': 'Number of renewals',
  'identity.field.country': 'Country or region',
  'identity.hint.name': 'As on your document; Latin names surname first, e.g. LEE SMITH ANNA MARIE',
  'identity.hint.issueCount': 'The 2 digits under "number of renewals" on your permit; 00 for a first permit',

  'identity.name-missing': 'Enter your name as it is written on your document.',
  'identity.name-too-long': 'The name is too long: enter only the name on your document, without titles or anything else.',
  'identity.name-digits': 'A name cannot contain digits: enter the name as on your document, and the number in "Document number".',
  'identity.name-script': 'The name contains letters of another script: enter it in Chinese characters (as on your permit) or in Latin letters (as on your passport).',
  'identity.name-symbols':
    "The name contains a symbol that cannot be used: use only letters, spaces, hyphens (-) and apostrophes ('); a Chinese name may have a middle dot (·).",
  'identity.name-mixed-scripts':
    'A name cannot mix Chinese characters and Latin letters: enter it one way, as on your document, e.g. "张三" or "ZHANG SAN".',

  'identity.number-missing': 'Enter the document number.',
  'identity.id-old-15-digit': 'First-generation 15-digit ID cards are no longer valid: enter the 18-character number of your current ID card.',
  'identity.id-characters': 'An ID card number has only digits, and the last character may be X: check for other letters or symbols.',
  'identity.id-length': 'An ID card number has 18 characters: check the number on your card for a missing or extra digit.',
  'identity.id-residence-permit':
    'This is a residence permit number for Hong Kong, Macao or Taiwan residents: choose your travel permit as the document type and enter its number.',
  'identity.id-region': 'The first two digits of an ID card number are a province code, and these are not one: check the start of the number.',
  'identity.id-birth-date': 'Digits 7–14 of an ID card number are the birth date (year, month, day), and this date does not exist: check those digits.',
  'identity.id-birth-before-1900': 'The birth year in the ID card number is before 1900: check digits 7–10.',
  'identity.id-birth-future': 'The birth date in the ID card number is after today: check digits 7–14.',
  'identity.id-check-digit':
    'The last character of an ID card number is a check digit and does not fit the first 17: check the number again; X is allowed only at the end.',

  'identity.hkm-local-id':
    'This is a Hong Kong or Macao identity card number: enter the number of your Home Return Permit, which starts with H or M.',
  'identity.hkm-prefix':
    'A Home Return Permit number starts with H (Hong Kong residents) or M (Macao residents), followed by 8 digits: add or correct the first letter.',
  'identity.hkm-characters': 'After the H or M, a Home Return Permit number has only digits: check for other letters or symbols.',
  'identity.hkm-length':
    'A Home Return Permit number is H or M and 8 digits (10 on older permits, the last two being the number of renewals): check the number of digits.',
  'identity.tw-taiwan-id': 'This is a Taiwan identity card number: enter the 8-digit number of your Mainland Travel Permit for Taiwan Residents.',
  'identity.tw-characters': 'A Mainland Travel Permit for Taiwan Residents number has only digits: check for letters or symbols.',
  'identity.tw-length':
    'A Mainland Travel Permit for Taiwan Residents number has 8 digits (10 in older booklets, the last two being the issue number): check the number of digits.',
  'identity.passport-characters': 'A passport number has only letters and digits: remove hyphens, other symbols and "<".',
  'identity.passport-length': 'A passport number has 5 to 15 letters and digits: check it against the data page of your passport.',

  'identity.issue-count-missing': 'Enter the number of renewals: the 2 digits shown on your permit, 00 for a first permit.',
  'identity.issue-count-format': 'The number of renewals has 2 digits, such as 00 or 01: copy it from your permit.',
  'identity.issue-count-mismatch':
    'The last two digits of the permit number are the number of renewals, and they differ from the one you entered: check both against your permit.',

  'identity.identity-not-found':
    'No registration was found for this document number: check the document type and number; if you changed your passport after arriving, enter the passport you entered with.',
  'identity.identity-name-mismatch':
    'The name does not match the registration: enter it as on your document, Latin names surname first, e.g. LEE SMITH ANNA MARIE.',
  'identity.identity-already-registered':
    'This document already has an account with another phone number: sign in with that number; if you no longer have it, ask the help desk.',
  'identity.identity-is-you': 'This is your own document: enter the document of the person you are adding.',
  'identity.identity-resident-document':
    "A resident's account is bound to a mainland ID card or a Home Return Permit (Hong Kong and Macao): choose one of them; with a passport or a Taiwan permit, use the inbound travellers' page.",
  'identity.field.phone': 'Mobile phone number',
  'identity.hint.phone': 'We text your personal link and sign-in codes to this number',
  'identity.phone-invalid': 'Enter a mobile number: 11 digits for a mainland number, or + and the country code for another.',
  'identity.phone-taken': 'This phone number already has a health code account: sign in with it, or enter another number.',
  'identity.country-missing': 'Enter the country or region that issued your document: pick it from the list.',
};
