// The current time, re-rendering the caller every `everyMs`: for ages like "3 min ago".

import { useEffect, useState } from 'preact/hooks';

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
