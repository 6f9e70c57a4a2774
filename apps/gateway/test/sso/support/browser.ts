/**
 * A small browser for SSO tests, on fetch: follows redirects one hop at a time, keeps cookies
 * (like a browser, by name and path, not by port: the IdP and the gateway share 127.0.0.1), sends
 * `Accept: text/html` as a navigation does, and submits the forms it lands on.
 */
export interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
}

export interface Page {
  url: string;
  status: number;
  html: string;
  hops: Hop[];
}

interface Cookie {
  value: string;
  path: string;
}

export class Browser {
  readonly cookies = new Map<string, Cookie>();

  constructor(private readonly accept = 'text/html,application/xhtml+xml') {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  cookieHeader(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies].filter(([, c]) => path.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`).join('; ');
  }

  store(setCookies: string[], url: string): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const expires = attr('expires');
      const maxAge = attr('max-age');
      if (value === '' || maxAge === '0' || (expires && new Date(expires).getTime() < Date.now())) {
        this.cookies.delete(name);
        continue;
      }
      this.cookies.set(name, { value, path: attr('path') ?? new URL(url).pathname.replace(/\/[^/]*$/, '/') });
    }
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: this.accept, ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(url, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
    this.store(response.headers.getSetCookie(), url);
    return response;
  }

  /**
   * Navigates, following redirects until a page answers or `stopAt` says this URL is the
   * destination (e.g. the console's /admin/, which the test app does not serve).
   */
  async navigate(url: string, options: { stopAt?: (url: URL) => boolean; method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Page> {
    const hops: Hop[] = [];
    let current = url;
    let init: { method?: string; body?: string; headers?: Record<string, string> } = { method: options.method, body: options.body, headers: options.headers };
    for (let i = 0; i < 20; i++) {
      if (options.stopAt?.(new URL(current))) return { url: current, status: 0, html: '', hops };
      const response = await this.request(current, init);
      const location = response.headers.get('location') ?? undefined;
      hops.push({ url: current, status: response.status, location, setCookies: response.headers.getSetCookie() });
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).href;
        init = {};
        continue;
      }
      return { url: current, status: response.status, html: await response.text(), hops };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the page's first form with these fields (hidden inputs included). */
  async submit(page: Page, fields: Record<string, string>, options: { stopAt?: (url: URL) => boolean } = {}): Promise<Page> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(page.html);
    if (!form) throw new Error(`no form on ${page.url}: ${page.html.slice(0, 300)}`);
    const values: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) values[name] = value;
    }
    const action = new URL(form[1]!.replace(/&amp;/g, '&'), page.url).href;
    return this.navigate(action, {
      ...options,
      method: 'POST',
      body: new URLSearchParams({ ...values, ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}
