// A small cookie-carrying HTTP client for integration tests: the portal as a browser without
// JavaScript uses it. Logs in through the real development identity provider.
import {
  loginAsNewcomerThroughDevIdp,
  loginThroughDevIdp,
} from '../../src/platform/oidc/dev-login-driver.ts';

export class WebClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }

  async request(
    method: string,
    path: string,
    init: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { accept: 'text/html', ...init.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form))
        for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** The CSRF token of the current session (or the pre-login double-submit cookie), read from a page. */
  async csrf(path = '/'): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1]!;
  }

  /** Posts a form with the CSRF token taken from `fromPage`. */
  async post(path: string, form: Record<string, string | string[]>, fromPage = '/') {
    return this.request('POST', path, { form: { _csrf: await this.csrf(fromPage), ...form } });
  }

  /** Follows the login redirect through the dev IdP with this identity; returns the callback's answer. */
  async loginAs(identityId: string, start = '/inloggen/start'): Promise<Response> {
    const begin = start.startsWith('POST ')
      ? await this.request('POST', start.slice(5), { form: { _csrf: this.cookies.get('ggk_csrf') ?? '' } })
      : await this.get(start);
    return this.finishLogin(begin, identityId);
  }

  async finishLogin(begin: Response, identityId: string): Promise<Response> {
    const authorize = begin.headers.get('location');
    if (begin.status !== 303 || !authorize)
      throw new Error(`login did not redirect to the broker (${begin.status})`);
    const callback = await loginThroughDevIdp(authorize, identityId);
    return this.get(callback.toString());
  }

  /** As finishLogin, as a new employee of the organisation with this KvK number (the picker's form). */
  async finishLoginAsNewcomer(begin: Response, legalSubject: string): Promise<Response> {
    const authorize = begin.headers.get('location');
    if (begin.status !== 303 || !authorize)
      throw new Error(`login did not redirect to the broker (${begin.status})`);
    return this.get((await loginAsNewcomerThroughDevIdp(authorize, legalSubject)).toString());
  }
}
