import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

/** Small layers on the tutorial problem: a run of a few seconds. */
async function trainSmall(page: Page) {
  await fill(page, 'largest', '10');
  await fill(page, 'encoder units', '16');
  await fill(page, 'decoder units', '16');
  await fill(page, 'examples per epoch', '200');
  await fill(page, 'epochs', '2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'the run to finish', 60_000);
}

const figure = '[\\d\\u2009]+ ex/s';

describe('backends in Chromium', () => {
  it('auto measures every backend the browser offers, names the one it picked with its threads and speed, and remembers the figures', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(s.url);
    await trainSmall(page);
    // This machine has 2 logical cores: one wasm thread, the other core left for the page.
    expect((await readStatus(page)).text).toMatch(new RegExp(`· wasm, 1 thread, measured ${figure}`));
    const notes = page.locator('.backend-notes');
    // WebGL (a software renderer here) is measured like any other backend, not ruled out by name. Its first step
    // (kernels compiling) may outlast its share of the second: then it is measured again at the next Train.
    const pending = 'still compiling its kernels: measured again at the next Train';
    const first = await notes.innerText();
    expect(first).toMatch(new RegExp(`auto measured in [\\d.]+ s: webgpu (${figure}|not available) · wasm ${figure} · webgl (${figure}|not available|${pending})`));
    // Each later Train measures again until WebGL is warm and has its figure (the first run here is over in seconds).
    for (let run = 2; (await notes.innerText()).includes(pending); run++) {
      expect(run, 'WebGL measured within four Trains').toBeLessThanOrEqual(4);
      const before = await notes.innerText();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await waitFor(async () => /^Done/.test((await readStatus(page)).text) && (await notes.innerText()) !== before, `run ${run}, measured again`, 60_000);
    }
    expect(await notes.innerText()).toMatch(new RegExp(`auto measured in [\\d.]+ s: webgpu (${figure}|not available) · wasm ${figure} · webgl (${figure}|not available)`));
    // The next page on this device uses the figures it kept for this model shape.
    await page.reload();
    await trainSmall(page);
    expect(await notes.innerText()).toMatch(new RegExp(`auto measured earlier on this device: webgpu (${figure}|not available) · wasm ${figure}`));
    // "Measure again" forgets them.
    await page.getByRole('button', { name: 'Measure again' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /^Done/.test((await readStatus(page)).text) && /auto measured in/.test(await notes.innerText()), 'a run measured afresh', 60_000);
    await context.close();
  });

  it('asks wasm for every core but one, and the status line says how many threads it got', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    // A 4-core device, as the page sees it.
    await context.addInitScript("Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 4 })");
    const page = await context.newPage();
    await page.goto(s.url);
    await page.getByLabel('backend', { exact: true }).selectOption('wasm');
    await trainSmall(page);
    expect((await readStatus(page)).text).toMatch(/· wasm, 3 threads/);
    await context.close();
  });
});
