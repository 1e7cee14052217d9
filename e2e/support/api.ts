// Talking to the real server from Node, as a device would: SMS-code sign-in through the dev
// outbox, then requests with the session cookie.

import { API } from '../../shared/api.js';

export class ApiClient {
  private cookie = '';

  constructor(readonly baseUrl: string) {}

  async signIn(phone: string): Promise<{ id: string; role: string }> {
    await this.post(API.otpRequest, { phone });
    const outbox = await fetch(`${this.baseUrl}${API.devOutbox}?phone=${encodeURIComponent(phone.startsWith('+') ? phone : `+86${phone}`)}`);
    const { messages } = (await outbox.json()) as { messages: { body: string }[] };
    const code = messages[0]?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no SMS code for ${phone}`);
    const res = await this.post(API.otpVerify, { phone, code, remember: false });
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
