import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, openEpochLog, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

/** Loss values shown in the chart are not readable text; read the status and table instead. */
async function tableRows(): Promise<string[][]> {
  return s.page.locator('section[aria-label="Predictions"] tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')),
  );
}

describe('Carry in Chromium', () => {
  it('starts with the lesson defaults and labelled fields', async () => {
    const { page } = s;
    for (const label of ['n_numbers', 'largest', 'encoder units', 'decoder units', 'cell', 'epochs', 'examples per epoch', 'batch size', 'learning rate', 'seed', 'backend']) {
      await expect(page.getByLabel(label, { exact: true }).count()).resolves.toBe(1);
    }
    expect(await page.getByLabel('largest', { exact: true }).inputValue()).toBe('100');
    // Ready, or already answering with the model shipped for these settings.
    expect((await readStatus(page)).text).toMatch(/^(Ready|Pre-trained model)/);
  });

  it('shows a config error beside the field and blocks Train until it is fixed', async () => {
    const { page } = s;
    await fill(page, 'batch size', '0');
    const field = page.getByLabel('batch size', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-batchSize-error').textContent()).toMatch(/batch size must be from 1 to 1,000/);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
    await fill(page, 'batch size', '50');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
  });

  it('trains live: epochs arrive, loss falls, the table fills; pause, resume, stop; then answers a typed sum', async () => {
    const { page } = s;
    await fill(page, 'largest', '10');
    await fill(page, 'encoder units', '32');
    await fill(page, 'decoder units', '32');
    await fill(page, 'examples per epoch', '500');
    await fill(page, 'epochs', '200');
    await page.getByRole('button', { name: 'Train', exact: true }).click();

    const losses: number[] = [];
    await waitFor(async () => (await readStatus(page)).epoch >= 3, '3 epochs', 60_000);
    const rows = await tableRows();
    expect(rows).toHaveLength(20);
    for (const [input, expected, , mark] of rows) {
      expect(input).toMatch(/^[·\d+]{5}$/);
      expect(expected).toMatch(/^[·\d]{2}$/);
      expect(mark).toMatch(/✓ right|✗ wrong/);
    }
    const status = (await readStatus(page)).text;
    expect(status).toMatch(/Epoch \d+ · exact-match [\d.]+ % · per-symbol [\d.]+ % · [\d\u2009]+ ex\/s · (wasm|cpu|webgl)/);

    // Loss falls: read the epoch log under the charts.
    await openEpochLog(page);
    const log = await page.locator('table[aria-label="Epoch log"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => Number(r.querySelectorAll('td')[2].textContent)),
    );
    losses.push(...log);
    expect(losses.length).toBeGreaterThanOrEqual(3);
    expect(losses.at(-1)!).toBeLessThan(losses[0]);

    // The page stays responsive while training: a click is handled promptly.
    const t0 = Date.now();
    await page.getByRole('button', { name: 'by examples seen' }).click();
    expect(await page.getByRole('button', { name: 'by examples seen' }).getAttribute('aria-pressed')).toBe('true');
    expect(Date.now() - t0).toBeLessThan(2_000);

    await page.getByRole('button', { name: 'Pause' }).click();
    await waitFor(async () => /Paused/.test((await readStatus(page)).text), 'paused');
    const pausedAt = (await readStatus(page)).epoch;
    await page.waitForTimeout(800);
    expect((await readStatus(page)).epoch).toBe(pausedAt);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitFor(async () => (await readStatus(page)).epoch > pausedAt, 'an epoch after resume', 30_000);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => /Done/.test((await readStatus(page)).text), 'done after stop', 10_000);
    expect((await readStatus(page)).text).toMatch(/stopped after/);

    const sum = page.getByLabel('Your sum');
    await sum.fill('5+3');
    await waitFor(async () => /^\d+$/.test((await page.getByLabel('Model answer').textContent()) ?? ''), 'an answer to 5+3', 10_000);
    expect(await page.locator('.bars .bar').count()).toBe(2);

    await sum.fill('5+x');
    await waitFor(async () => (await sum.getAttribute('aria-invalid')) === 'true', 'an error for 5+x', 5_000);
    expect(await page.locator('#your-sum-error').textContent()).toMatch(/'x' is not allowed/);
  });

  it('had no console errors and asked no other origin', () => {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
