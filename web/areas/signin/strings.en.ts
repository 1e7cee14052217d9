// English for the sign-in page, typed against the Chinese table so a missing key fails the build.

import type { zhCN } from './strings.zh-CN.js';

export const en: Record<keyof typeof zhCN, string> = {
  'signin.title': 'Sign in with your phone',
  'signin.phone': 'Phone number',
  'signin.phonePlaceholder': 'Your phone number',
  'signin.sendCode': 'Send code',
  'signin.sending': 'Sending…',
  'signin.resendIn': 'Send again in {s} s',
  'signin.resend': 'Send a new code',
  'signin.code': 'SMS code',
  'signin.codeSent': 'We sent a 6-digit code to {phone}. It is valid for 5 minutes.',
  'signin.remember': 'Keep me signed in on this device for 30 days',
  'signin.rememberHint': 'Leave this off on a shared or borrowed device',
  'signin.verify': 'Sign in',
  'signin.verifying': 'Signing in…',
  'signin.changePhone': 'Use another number',
  'signin.invalidPhone': 'Enter a valid phone number',
  'signin.invalidCode': 'Enter the 6-digit code',
  'signin.smsRisk': 'SMS codes can be intercepted. Never tell anyone your code.',
  'signin.firstTime': 'First time here?',
  'signin.register': 'Register as a resident',
  'signin.forCheckin': 'Sign in to finish checking in at the venue: you will be taken back to it.',
};
