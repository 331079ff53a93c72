/**
 * Serves the built app with `vite preview` and drives Debian's Chromium with
 * playwright-core. Used by the e2e specs and the browser benchmark.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  url: string;
  browser: Browser;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Requests to any origin other than the app's own. */
  foreignRequests: string[];
  close(): Promise<void>;
}

/** Starts preview on a free port and opens a page on it. Fails with a clear message if dist/ or Chromium is missing. */
export async function openApp(): Promise<Session> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does).');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
  const server: PreviewServer = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.context().on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreignRequests.push(u);
  });
  await page.goto(url);
  return {
    url,
    browser,
    page,
    errors,
    foreignRequests,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

/** Replaces a labelled field's text. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** Parses the status line's numbers, e.g. `Epoch 7 · exact-match 93.4 % …`. */
export async function readStatus(page: Page): Promise<{ text: string; epoch: number; exact: number }> {
  const text = (await page.getByRole('status', { name: 'Training status' }).textContent()) ?? '';
  const epoch = Number(/Epoch (\d+)/.exec(text)?.[1] ?? 0);
  const exact = Number(/exact-match ([\d.]+) %/.exec(text)?.[1] ?? Number.NaN);
  return { text, epoch, exact };
}

/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(fn: () => Promise<T>, what: string, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Opens "Numbers behind the curves" (the epoch log renders only while open). */
export async function openEpochLog(page: Page): Promise<void> {
  const details = page.locator('details.epoch-log');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await page.locator('table[aria-label="Epoch log"]').waitFor();
}

/** Runs axe-core on the page as it is now; returns each violation as `id: targets`. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
  // Evaluated over the DevTools protocol, so the app's CSP (no inline script) still holds for the app itself.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(source);
  const result = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The losses of the epoch log, as shown (text). */
export async function epochLosses(page: Page): Promise<string[]> {
  await openEpochLog(page);
  return page.locator('table[aria-label="Epoch log"] tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2].textContent ?? ''));
}
