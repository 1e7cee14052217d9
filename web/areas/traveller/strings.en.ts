// English for the first-use pages (the inbound traveller's and the resident's sign-up), typed against the Chinese table so a missing key fails the build.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'travel.title': 'Health code for inbound travellers',
  'travel.intro': 'Enter the details on your document to get your health code. No app to install.',
  'travel.realName':
    'This is a real-name check, not a real-person check: we check that the name and document number match your entry record, not who is holding the phone. Fill this in only for yourself or a companion.',
  'travel.passportChanged': 'Changed your passport after you arrived? Enter the old passport you entered with.',
  'travel.submit': 'Check and get my code',
  'travel.submitting': 'Checking…',
  'travel.checkFields': 'Check the fields marked below.',
  'travel.sent': 'Checked. Your personal link has been texted to {phone}: open it to come back later. Now sign in with the SMS code:',
  'travel.noDeclaration': 'The web code for inbound travellers has no health declaration (as in the official system).',
  'travel.pickCountry': 'Choose',
  'travel.countriesLoading': 'Loading countries and regions…',
  'phone.sendCode': 'Send code',
  'phone.sending': 'Sending…',
  'phone.code': 'SMS code',
  'phone.codeSent': 'Code sent to {phone}',
  'phone.verify': 'Sign in and show my code',
  'phone.verifying': 'Signing in…',
  'phone.resend': 'Send again',
  'phone.resendIn': 'Send again in {s} s',
  'phone.invalidCode': 'The code is 6 digits',
  'return.title': 'Welcome back',
  'return.intro': 'This is your personal link for your inbound health code. Tap "Continue", then sign in with your phone number and an SMS code.',
  'return.continue': 'Continue',
  'return.continuing': 'One moment…',
  'return.forPhone': 'This link belongs to the phone number {phone}. Enter that number and get a code:',
  'return.used': 'This link has expired or has been used. Sign in with your phone number and an SMS code:',
  'return.noLink': 'This link is incomplete. Sign in with your phone number and an SMS code:',
  'return.firstTime': 'First time? Get an inbound health code',
  'register.title': 'Resident sign-up',
  'register.intro':
    'First time here? Enter your name and number as on your mainland ID card or Home Return Permit, and your phone number. Once they are checked, an SMS code completes the sign-up and your health code shows.',
  'register.realName':
    'This is a real-name check, not a real-person check: the name must belong to the document number; nobody checks who is holding the phone. Sign up only yourself; add family members under “Family” once signed in.',
  'register.phoneHint': 'We text the sign-up code, and later sign-in codes, to this number',
  'register.submit': 'Check and send the code',
  'register.submitting': 'Checking…',
  'register.checkFields': 'Please check the fields marked below.',
  'register.checked': 'Checked. A code was sent to {phone}; enter it to finish signing up:',
  'register.travellers': 'Arriving with a passport or a Taiwan travel permit? Use the inbound travellers’ page.',
  'register.toTravel': 'Inbound travellers’ health code',
  'register.haveAccount': 'Have an account? Sign in',
};
