// Test helper: goes through the development identity provider over plain HTTP as a browser would
// (redirects followed by hand, cookies carried by hand) and returns the URL the provider sends the
// browser back to, i.e. the relying party's callback with code and state (or error).
// For tests only: it trusts the provider's own HTML.

/** Logs in as the given test identity; resolves to the callback URL with code and state. */
export async function loginThroughDevIdp(authorizeUrl: string, identityId: string): Promise<URL> {
  return driveDevIdp(authorizeUrl, { identityId });
}

/**
 * Logs in as a new employee (not known to the relying party) of the organisation with this KvK number
 * or OIN, chosen in the picker's "Nieuwe medewerker" form; resolves to the callback URL.
 */
export async function loginAsNewcomerThroughDevIdp(authorizeUrl: string, legalSubject: string): Promise<URL> {
  return driveDevIdp(authorizeUrl, { newcomerOf: legalSubject });
}

/** Presses "Annuleren" on the picker; resolves to the callback URL with error=access_denied. */
export async function cancelThroughDevIdp(authorizeUrl: string): Promise<URL> {
  return driveDevIdp(authorizeUrl, 'cancel');
}

/** Fetches the picker page for an authorization request (to inspect its HTML). */
export async function fetchDevIdpPicker(authorizeUrl: string): Promise<{ url: URL; html: string }> {
  const browser = new CookieBrowser(new URL(authorizeUrl).origin);
  const picker = await browser.followUntilPage(new URL(authorizeUrl));
  return { url: picker.url, html: await picker.response.text() };
}

async function driveDevIdp(
  authorizeUrl: string,
  choice: { identityId: string } | { newcomerOf: string } | 'cancel',
): Promise<URL> {
  const start = new URL(authorizeUrl);
  const browser = new CookieBrowser(start.origin);
  const picker = await browser.followUntilPage(start);
  if (picker.response.status !== 200) {
    throw new Error(`development identity provider answered ${picker.response.status} instead of the picker`);
  }
  const html = await picker.response.text();
  const form =
    choice === 'cancel'
      ? findForm(html, (f) => />\s*Annuleren\s*</.test(f))
      : 'newcomerOf' in choice
        ? findForm(html, (f) => f.includes(`<option value="${escapeAttribute(choice.newcomerOf)}">`))
        : findForm(html, (f) => f.includes(`name="identity" value="${escapeAttribute(choice.identityId)}"`));
  if (!form) {
    throw new Error(
      choice === 'cancel'
        ? 'no cancel form on the picker'
        : 'newcomerOf' in choice
          ? `no new employee of ${choice.newcomerOf} on the picker`
          : `identity ${choice.identityId} is not on the picker`,
    );
  }
  const body = new URLSearchParams();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    body.append(unescapeAttribute(name ?? ''), unescapeAttribute(value ?? ''));
  }
  if (typeof choice === 'object' && 'newcomerOf' in choice) body.append('nieuw', choice.newcomerOf);
  const action = /<form method="post" action="([^"]*)"/.exec(form)?.[1];
  if (action === undefined) throw new Error('picker form without action');
  const posted = await browser.request(new URL(unescapeAttribute(action), picker.url), 'POST', body);
  const location = browser.locationOf(posted, picker.url);
  if (!location) throw new Error(`development identity provider answered ${posted.status} to the form`);
  const back = await browser.followUntilPage(location);
  if (back.left) return back.url;
  throw new Error(
    `development identity provider answered ${back.response.status} instead of redirecting back`,
  );
}

class CookieBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async request(url: URL, method: 'GET' | 'POST', body?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = {};
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.cookie = cookie;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method, headers, body: body?.toString(), redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  locationOf(response: Response, base: URL): URL | undefined {
    const location = response.headers.get('location');
    return response.status >= 300 && response.status < 400 && location ? new URL(location, base) : undefined;
  }

  /** GETs and follows redirects within the provider; stops at a page or at a redirect away. */
  async followUntilPage(start: URL): Promise<{ url: URL; response: Response; left: boolean }> {
    let url = start;
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== this.origin) return { url, response: new Response(null), left: true };
      const response = await this.request(url, 'GET');
      const next = this.locationOf(response, url);
      if (!next) return { url, response, left: false };
      await response.body?.cancel();
      url = next;
    }
    throw new Error('too many redirects at the development identity provider');
  }

  private store(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';');
    const separator = pair.indexOf('=');
    if (separator < 0) return;
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((a) => {
      const [key = '', attributeValue = ''] = a.trim().split('=');
      return key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now();
    });
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

function findForm(html: string, matches: (form: string) => boolean): string | undefined {
  return [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find(matches);
}

function escapeAttribute(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function unescapeAttribute(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '',
  );
}
