import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

describe('longer numbers than it was trained on, in Chromium', () => {
  it('refuses a test largest below largest beside its field, then trains on 1-digit terms with room for 3 and scores the grid: in range high, beyond it low', async () => {
    const { page } = s;
    await fill(page, 'largest', '9');
    await fill(page, 'test largest', '5');
    const field = page.getByLabel('test largest', { exact: true });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await field.getAttribute('aria-describedby'))!.split(' ')[0];
    expect(await page.locator(`#${errorId}`).textContent()).toBe('test largest must be more than largest (9), or 0 (off)');
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);

    await fill(page, 'test largest', '999');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('form[aria-label="Settings"] .derived').first().textContent()).toMatch(/input 7 symbols, answer 4 \(room for terms up to 999\)/);
    await fill(page, 'epochs', '20');
    await fill(page, 'stop at exact-match %', '99');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /Done/.test((await readStatus(page)).text), 'the run to end', 120_000);
    const trained = await readStatus(page);
    expect(trained.exact).toBeGreaterThanOrEqual(90);

    await page.locator('details.inside-fold > summary').click();
    await page.getByRole('button', { name: 'Score on longer numbers' }).click();
    const summary = page.locator('#longer-summary');
    await waitFor(async () => (await summary.count()) === 1, 'the longer-numbers score', 20_000);
    const sentence = (await summary.textContent()) ?? '';
    const m = /^Terms up to largest \(9\): ([\d.]+) % of 100 sums right\. Past largest, up to test largest \(999\): ([\d.]+) % of 800 sums right\.$/.exec(sentence);
    expect(m, sentence).not.toBeNull();
    const [inRange, beyond] = [Number(m![1]), Number(m![2])];

    // The grid as the page shows it: rows a's digits, columns b's; each cell's percentage, and whether it lies in range.
    const grid = page.getByRole('table', { name: /Exact-match by digits of a/ });
    expect(await grid.locator('thead th').allTextContents()).toEqual(['digits of a', 'b: 1 digit', 'b: 2 digits', 'b: 3 digits']);
    const cells = await grid.locator('tbody td').evaluateAll((tds) =>
      tds.map((td) => ({ percent: Number(/([\d.]+) %/.exec(td.textContent ?? '')![1]), inRange: td.classList.contains('longer__cell--in'), said: td.textContent ?? '' })),
    );
    expect(cells).toHaveLength(9);
    expect(cells.map((c) => c.inRange)).toEqual([true, false, false, false, false, false, false, false, false]);
    expect(cells[0].said).toMatch(/of 100, in range$/);
    expect(cells[8].said).toMatch(/of 100, beyond largest$/);
    expect(cells[0].percent).toBe(inRange);
    const beyondCells = cells.slice(1);
    expect(beyondCells.reduce((n, c) => n + c.percent, 0) / 8).toBeCloseTo(beyond, 0);
    console.log(`longer numbers, largest 9 → test largest 999 after ${trained.epoch} epochs (held-out ${trained.exact} %): in range ${inRange} %, beyond ${beyond} %; cells ${cells.map((c) => c.percent).join(' ')}`);
    // What the learner should see: the trained range answered, longer numbers not.
    expect(inRange).toBeGreaterThanOrEqual(80);
    expect(beyond).toBeLessThan(inRange / 2);

    expect(await axeViolations(page)).toEqual([]);
  });

  it('had no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
