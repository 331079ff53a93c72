import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, openEpochLog, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

/** Small layers on the tutorial problem, so runs are quick. */
async function setSmall(page: Page, examplesPerEpoch: number, epochs: number) {
  await fill(page, 'largest', '10');
  await fill(page, 'encoder units', '16');
  await fill(page, 'decoder units', '16');
  await fill(page, 'examples per epoch', String(examplesPerEpoch));
  await fill(page, 'epochs', String(epochs));
}

/** A long small run in a fresh page, trained until a checkpoint has certainly been taken (every 2 s of training): its page and worker. */
async function longRunWithCheckpoint() {
  const context = await s.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(s.url);
  // Epochs of 2 000 examples: a few a second, so the run is well under the epoch log's 100 rows when it is read;
  // and no stop at a score, which this small model now reaches in seconds: the run must still be going.
  await setSmall(page, 2000, 2000);
  await fill(page, 'stop at exact-match %', '0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(async () => (await readStatus(page)).epoch >= 3, '3 epochs', 30_000);
  await page.waitForTimeout(3_000);
  const worker = page.workers().find((w) => w.url().includes('training.worker'));
  expect(worker).toBeDefined();
  return { context, page, worker: worker! };
}

/** A small, quick seq2seq run to the end. */
async function trainSmall(page: Page) {
  await setSmall(page, 200, 3);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'the run to finish', 60_000);
}

describe('resilience in Chromium', () => {
  it('runs under its Content-Security-Policy, cross-origin isolated', async () => {
    const csp = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
    expect(csp).not.toContain('unsafe-inline');
    expect(await s.page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('falls back to cpu when the wasm binaries cannot load, and says so', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await context.route('**/*.wasm', (route) => route.abort());
    await page.goto(s.url);
    // Asked for wasm: cpu is what follows it (on auto, the fastest measured backend that started would).
    await page.getByLabel('backend', { exact: true }).selectOption('wasm');
    await trainSmall(page);
    const status = (await readStatus(page)).text;
    expect(status).toMatch(/· cpu/);
    expect(await page.locator('.backend-notes').innerText()).toMatch(/wasm could not start/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads and trains with the network cut after the first visit', async () => {
    const context = await s.browser.newContext();
    const page = await context.newPage();
    await page.goto(s.url);
    // The service worker precaches every built file, the wasm binaries and the worker included.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker to take control', 20_000);
    await context.setOffline(true);
    await page.reload();
    await trainSmall(page);
    expect((await readStatus(page)).text).toMatch(/Epoch 3 .*· wasm/);
    await page.getByLabel('Your sum').fill('5+3');
    await waitFor(async () => /^\d+$/.test((await page.getByLabel('Model answer').textContent()) ?? ''), 'an answer offline', 10_000);
    await context.close();
  });
});

describe('a worker crash', () => {
  it('is noticed, keeps the curves, and the run continues from the last checkpoint', async () => {
    const { context, page, worker } = await longRunWithCheckpoint();
    void worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('fault drill');
      }, 0);
    }).catch(() => undefined);
    await waitFor(async () => /^Error: The training worker crashed/.test((await readStatus(page)).text), 'the crash to be reported', 10_000);
    await openEpochLog(page);
    const logRows = page.locator('table[aria-label="Epoch log"] tbody tr');
    const kept = await logRows.count();
    expect(kept).toBeGreaterThanOrEqual(3);
    const resume = page.getByRole('button', { name: /Continue from epoch \d+/ });
    const from = Number(/(\d+)/.exec((await resume.textContent()) ?? '')![1]);
    expect(from).toBeGreaterThanOrEqual(1);
    await resume.click();
    await waitFor(async () => (await readStatus(page)).epoch > kept, 'training to go on after the crash', 30_000);
    // The curve continues where the checkpoint was: epochs up to it kept, none repeated.
    const epochs = await logRows.evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')!.textContent)));
    expect(new Set(epochs).size).toBe(epochs.length);
    expect(epochs.slice(0, from)).toEqual(Array.from({ length: from }, (_, i) => i + 1));
    await page.getByRole('button', { name: 'Stop' }).click();
    await context.close();
  });
});

describe('a worker that hangs', () => {
  it('is noticed within 5 s without pressing Stop, keeps the curves, and Continue resumes', async () => {
    const { context, page, worker } = await longRunWithCheckpoint();
    // The worker's thread spins forever: no crash, no message, just silence.
    const hungAt = Date.now();
    void worker.evaluate(() => {
      setTimeout(() => {
        for (;;) {
          // hang
        }
      }, 0);
    }).catch(() => undefined);
    await waitFor(async () => /^Error: The training worker stopped answering/.test((await readStatus(page)).text), 'the hang to be reported', 10_000, 100);
    const noticedSeconds = (Date.now() - hungAt) / 1000;
    expect(noticedSeconds).toBeLessThan(7); // 5 s of silence, plus this test's polling and the last heartbeat's age
    await openEpochLog(page);
    const kept = await page.locator('table[aria-label="Epoch log"] tbody tr').count();
    expect(kept).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: /Continue from epoch \d+/ }).click();
    await waitFor(async () => (await readStatus(page)).epoch > kept, 'training to go on after the hang', 30_000);
    await page.getByRole('button', { name: 'Stop' }).click();
    await context.close();
  });
});
