// A clock that ticks every second: a live screen cannot be passed off as a screenshot of an old one.

import { lang } from '../i18n/index.js';
import { useNow } from './useNow.js';

export function Clock({ testId }: { testId?: string }) {
  const now = useNow(1000);
  const date = new Intl.DateTimeFormat(lang.value, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(now);
  const time = new Intl.DateTimeFormat(lang.value, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  return (
    <div class="clock" data-testid={testId}>
      <time class="clock-time" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
      <span class="clock-date">{date}</span>
    </div>
  );
}
