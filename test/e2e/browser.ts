/**
 * Helpers for tests in a real browser: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), a 127.0.0.1 server for the pages under test, and a record of every request
 * that was not for one of those pages.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (CI installs it with apt-get install chromium)`;
}

/** Flags that keep Chromium from phoning home, so any request seen comes from the page. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageServer {
  /** `http://127.0.0.1:<port>/<name>` for a page given to {@link servePages}. */
  url(name: string): string;
  close(): Promise<void>;
}

/** Serves fixed HTML pages by name on 127.0.0.1 at a free port; anything else is a 404. */
export async function servePages(pages: Readonly<Record<string, string>>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const body = pages[(req.url ?? '/').slice(1)];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to load besides the allowed ones; each was aborted. */
  blocked: string[];
  /** Console errors and uncaught exceptions (a CSP violation is reported as a console error). */
  errors: string[];
  /** Messages of any `alert`/`confirm`/`prompt` the page opened (dismissed at once). */
  dialogs: string[];
  close(): Promise<void>;
}

/**
 * Launches Chromium with a fresh profile directory and one page whose every request is aborted
 * unless its URL is in `allowed`.
 */
export async function openSession(allowed: readonly string[], opts: { javaScriptEnabled?: boolean } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'meshward-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: 1700, height: 1000 },
  });
  const blocked: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  await context.route('**', (route) => {
    const url = route.request().url();
    if (allowed.includes(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    context,
    page,
    blocked,
    errors,
    dialogs,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
