// Where a signed-out person was going: a link opened before signing in (a venue's sunflower
// check-in, /checkin#HGK1:…, or any other page of the app) is kept for this tab and opened once
// sign-in succeeds, instead of the person's home page. Kept in sessionStorage, never in the URL, so
// the link's code does not travel to the server with the sign-in page.

const KEY = 'hg.returnTo';

/** Only a path of this app: "/x…", never "//host" or a full URL. */
function isOwnPath(to: string): boolean {
  return to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') && to.length <= 4096;
}

export function rememberReturn(to: string): void {
  if (!isOwnPath(to) || to.startsWith('/signin')) return;
  try {
    sessionStorage.setItem(KEY, to);
  } catch {
    // Storage refused (private mode quota): the person lands on their home page instead.
  }
}

/** The kept destination, forgotten as it is taken. */
export function takeReturn(): string | undefined {
  try {
    const to = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return to !== null && isOwnPath(to) ? to : undefined;
  } catch {
    return undefined;
  }
}

/** The kept destination, left in place. */
export function peekReturn(): string | undefined {
  try {
    const to = sessionStorage.getItem(KEY);
    return to !== null && isOwnPath(to) ? to : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a kept destination is a sunflower check-in (the sign-in page says so). */
export function returnsToCheckin(): boolean {
  return peekReturn()?.startsWith('/checkin') ?? false;
}
