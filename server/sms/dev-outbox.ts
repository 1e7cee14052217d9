// The development SMS "carrier": messages go to the dev_sms table and the server log (number
// masked), and /api/dev/sms shows them. Nothing leaves the box; production never uses it.

import type { DevSms } from '../../shared/api/system.js';
import type { Store } from '../store/store.js';
import { maskPhone, type SmsSender } from './sender.js';

export class DevSmsOutbox implements SmsSender {
  constructor(
    private readonly store: Store,
    private readonly log: (line: string) => void = console.log,
    private readonly now: () => number = Date.now,
  ) {}

  async send(to: string, text: string): Promise<void> {
    await this.store.devSms.add(to, text, this.now());
    this.log(`SMS to ${maskPhone(to)}: ${text}`);
  }

  async recent(phone?: string, limit = 50): Promise<DevSms[]> {
    const rows = await this.store.devSms.recent(phone, limit);
    return rows.map((r) => ({ phone: r.phone, body: r.body, createdAt: r.created_at }));
  }
}
