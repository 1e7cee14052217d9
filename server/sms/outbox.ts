// The default SMS "carrier" for development and demos: messages go to the sms_outbox table and
// the server log (number masked), and the dev outbox endpoint shows them. Nothing leaves the box.

import type { DevOutboxMessage } from '../../shared/api.js';
import type { Store } from '../store/store.js';
import { maskPhone, type SmsSender } from './sender.js';

export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = console.log,
    private readonly now: () => number = Date.now,
  ) {}

  async send(to: string, text: string): Promise<void> {
    await this.store.sms.add(to, text, this.now());
    this.log(`SMS to ${maskPhone(to)}: ${text}`);
  }

  async recent(phone?: string, limit = 50): Promise<DevOutboxMessage[]> {
    const rows = await this.store.sms.recent(phone, limit);
    return rows.map((r) => ({ phone: r.phone, body: r.body, createdAt: r.created_at }));
  }
}
