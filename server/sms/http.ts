// An SMS provider over HTTP: POST {to, text} as JSON with a bearer token. A slow provider is cut
// off after a timeout and any non-2xx answer is an error naming the status, never a silent loss.

import { maskPhone, SmsDeliveryError, type SmsSender } from './sender.js';

export interface HttpSmsOptions {
  url: string;
  token: string;
  timeoutMs?: number;
}

export class HttpSmsSender implements SmsSender {
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpSmsOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(to: string, text: string): Promise<void> {
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new SmsDeliveryError(
        timedOut
          ? `SMS provider did not answer within ${this.timeoutMs} ms (to ${maskPhone(to)})`
          : `SMS provider unreachable (to ${maskPhone(to)}): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (!res.ok) {
      // A provider may echo the message back: digit runs (the code) never reach the log.
      const body = (await res.text().catch(() => '')).slice(0, 200).replace(/\d{4,}/g, '****');
      throw new SmsDeliveryError(`SMS provider answered ${res.status} ${res.statusText} (to ${maskPhone(to)})${body ? `: ${body}` : ''}`);
    }
    // Drain the body so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
  }
}
