// Talking to the real server from Node, as a device would: SMS-code sign-in through the dev
// outbox, then requests with the session cookie.

import { authApi } from '../../shared/api/auth.js';
import { systemApi } from '../../shared/api/system.js';

/** The newest SMS code the server's dev outbox holds for a phone (it accepts 138… or +86138…). */
export async function latestSmsCode(baseUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${baseUrl}${systemApi.devSms.path}?phone=${encodeURIComponent(phone)}`);
  if (!res.ok) throw new Error(`dev outbox answered ${res.status}`);
  const { messages } = (await res.json()) as { messages: { body: string }[] };
  const code = messages[0]?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no SMS code in the outbox for ${phone}`);
  return code;
}

export class ApiClient {
  private cookie = '';

  constructor(readonly baseUrl: string) {}

  async signIn(phone: string): Promise<{ id: string; role: string }> {
    await this.post(authApi.otpRequest.path, { phone });
    const code = await latestSmsCode(this.baseUrl, phone);
    const res = await this.post(authApi.otpVerify.path, { phone, code, remember: false });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const setCookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.cookie = setCookie;
    return ((await res.json()) as { user: { id: string; role: string } }).user;
  }

  post(path: string, body: unknown): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.baseUrl, cookie: this.cookie },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}
