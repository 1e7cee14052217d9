// A clock that ticks every second: a live screen cannot be passed off as a screenshot of an old one.

import { dateFormat } from '../i18n/index.js';
import { useNow } from './useNow.js';

export function Clock({ testId }: { testId?: string }) {
  const now = useNow(1000);
  const date = dateFormat('weekdayDate').format(now);
  const time = dateFormat('seconds').format(now);
  return (
    <div class="clock" data-testid={testId}>
      <time class="clock-time" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
      <span class="clock-date">{date}</span>
    </div>
  );
}
