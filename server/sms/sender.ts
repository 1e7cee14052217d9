// How the server sends a text message, whatever carries it (the embedded outbox or a provider).

export interface SmsSender {
  /** Resolves once the message is accepted for delivery; throws SmsDeliveryError otherwise. */
  send(to: string, text: string): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = 'SmsDeliveryError';
}

/** +8613800000001 → +86138****0001: enough to tell numbers apart in a log, not to call one. */
export function maskPhone(phone: string): string {
  const tail = 4;
  const head = Math.max(1, Math.min(6, phone.length - tail - 4));
  if (phone.length <= head + tail) return '*'.repeat(phone.length);
  return `${phone.slice(0, head)}****${phone.slice(-tail)}`;
}
