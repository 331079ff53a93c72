/**
 * Browser half of `npm run bench`: the built app in headless Chromium, once per
 * backend, on the tutorial problem (largest 10, default settings), then once on
 * the default problem (largest 100, wasm), whose 10 000-cell error map updates
 * while it trains (`wasm@100`; the map updates are counted); `auto@100` is the
 * same on `auto` in a fresh page, so its first Train measures every backend
 * (the figures and the time it took are reported); `wasm@long` trains 10 000
 * one-batch epochs of a model that never gets far (so every epoch is cheap) to
 * show the page stays idle however long the curves get. Reports time from
 * clicking Train to the first chart point, time to 99 % exact-match,
 * examples/s and the longest main-thread task.
 *
 *   npx tsx scripts/bench-browser.ts wasm@100,auto@100     some runs only
 */
import { execSync } from 'node:child_process';
import { fill, openApp, openEpochLog, readStatus } from '../tests/e2e/harness';

const CAPS: Record<string, number> = { wasm: 60, webgl: 60, webgpu: 60, cpu: 45, 'wasm@100': 90, 'auto@100': 90, 'wasm@long': 600 };

/** The long run: 10 000 epochs of one batch of 10, at a learning rate too small to learn (so the quick held-out subset is scored). */
const LONG: Record<string, string> = { largest: '10', 'examples per epoch': '10', 'batch size': '10', 'learning rate': '0.00001', epochs: '10000', 'stop at exact-match %': '0' };

execSync('npx vite build', { stdio: 'ignore' });
const session = await openApp();
const results: Record<string, unknown> = {};
try {
  for (const run of (process.argv[2] ?? 'wasm,webgl,cpu,wasm@100,auto@100,wasm@long').split(',')) {
    const [backend, size = '10'] = run.split('@');
    const long = size === 'long';
    // A fresh context each: nothing kept from an earlier run (auto measures afresh).
    const context = await session.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(session.url);
    if (long) for (const [label, value] of Object.entries(LONG)) await fill(page, label, value);
    else await fill(page, 'largest', size);
    await page.getByLabel('backend', { exact: true }).selectOption(backend);
    // Counts the error map's updates (its summary changes with each new map).
    await page.evaluate(() => {
      const w = window as unknown as { __maps: number; __summary?: string };
      w.__maps = 0;
      setInterval(() => {
        const text = document.querySelector('#error-map-summary')?.textContent ?? undefined;
        const epoch = document.querySelector('.error-map__replay')?.textContent ?? '';
        if (text !== undefined && `${text}${epoch}` !== w.__summary) {
          w.__summary = `${text}${epoch}`;
          w.__maps++;
        }
      }, 50);
    });
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __firstPoint?: number; __t0?: number; __tasks: string[] };
      w.__longest = 0;
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (w.__t0 === undefined) continue;
          w.__longest = Math.max(w.__longest, e.duration);
          w.__tasks.push(`${Math.round(e.startTime - w.__t0)}ms+${Math.round(e.duration)}`);
        }
      }).observe({ type: 'longtask', buffered: false });
      new MutationObserver((_, obs) => {
        const curve = document.querySelector('figure[aria-label="Loss chart"] path.recharts-curve');
        if (w.__t0 !== undefined && curve?.getAttribute('d')) {
          w.__firstPoint = performance.now() - w.__t0;
          obs.disconnect();
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
      w.__t0 = performance.now();
      document.querySelector<HTMLButtonElement>('button.primary')!.click();
    });
    const wallStart = Date.now();
    let status = await readStatus(page);
    while ((long ? status.epoch < 10_000 : !(status.exact >= 99)) && Date.now() - wallStart < CAPS[run] * 1000 && !/Error|Done/.test(status.text)) {
      await page.waitForTimeout(100);
      status = await readStatus(page);
    }
    const wallSeconds = (Date.now() - wallStart) / 1000;
    await openEpochLog(page);
    const lastRow = await page.locator('table[aria-label="Epoch log"] tbody tr').last().locator('td').allTextContents().catch(() => [] as string[]);
    const m = await page.evaluate(() => {
      const w = window as unknown as { __longest: number; __firstPoint?: number; __tasks: string[] };
      return { longestTaskMs: Math.round(w.__longest), firstPointMs: w.__firstPoint === undefined ? null : Math.round(w.__firstPoint), longTasks: w.__tasks.join(' ') };
    });
    const active = /· (wasm|webgl|webgpu|cpu)\b[^·]*/.exec(status.text)?.[0].slice(2) ?? '?';
    const notes = await page.locator('.backend-notes').innerText().catch(() => '');
    const mapUpdates = await page.evaluate(() => (window as unknown as { __maps: number }).__maps);
    results[run] = {
      active,
      reached99: status.exact >= 99,
      trainingSeconds: lastRow[5] ? Number(lastRow[5]) : null,
      wallSeconds: Number(wallSeconds.toFixed(1)),
      examples: lastRow[1] ? Number(lastRow[1].replace(/\D/g, '')) : null,
      exactMatch: status.exact,
      examplesPerSecond: Number(/([\d\u2009]+) ex\/s/.exec(status.text)?.[1].replace(/\u2009/g, '') ?? Number.NaN),
      epochs: status.epoch,
      ...(notes ? { backendNotes: notes } : {}),
      mapUpdates,
      ...m,
    };
    process.stderr.write(`${JSON.stringify({ run, ...(results[run] as object) })}\n`);
    await page.getByRole('button', { name: 'Stop' }).click().catch(() => undefined);
    await context.close();
  }
} finally {
  await session.close();
}
if (session.errors.length) process.stderr.write(`console errors: ${session.errors.join(' | ')}\n`);
console.log(JSON.stringify(results));
