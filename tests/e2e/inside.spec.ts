import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

describe('see inside, in Chromium', () => {
  it('the tutorial problem: an error map of largest² cells with its summary, read by keyboard, asked by click; carries and positions fill', async () => {
    const { page } = s;
    await fill(page, 'largest', '10');
    await fill(page, 'epochs', '8');
    await fill(page, 'stop at exact-match %', '0');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /Done/.test((await readStatus(page)).text), 'the run to end', 90_000);

    const grid = page.getByRole('application', { name: 'Error map' });
    await waitFor(async () => (await grid.count()) === 1, 'the error map', 10_000);
    const canvas = grid.locator('canvas');
    await waitFor(async () => (await canvas.evaluate((c) => (c as HTMLCanvasElement).width)) === 10, 'the final map', 10_000);
    expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height)).toBe(100);
    const summary = (await page.locator('#error-map-summary').textContent()) ?? '';
    expect(summary).toMatch(/^\d+ of 100 wrong(\.|; \d+ of them need a carry into the (tens|hundreds)\.)$/);
    // The summary's count is the map's own: count the red cells drawn.
    const wrongDrawn = await canvas.evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      const d = ctx.getImageData(0, 0, 10, 10).data;
      let n = 0;
      for (let i = 0; i < 100; i++) if (d[i * 4] > d[i * 4 + 1]) n++;
      return n;
    });
    expect(summary.startsWith(`${wrongDrawn} of 100`)).toBe(true);

    await grid.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const sentence = (await page.locator('.error-map__cell').textContent()) ?? '';
    expect(sentence).toMatch(/^2\+2 → \d+, (right|expected 4), \d+ % sure$/);
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Your sum').inputValue()).toBe('2+2');
    await waitFor(async () => /^\d+$/.test((await page.getByLabel('Model answer').textContent()) ?? ''), 'the answer to 2+2', 10_000);

    // See inside is folded until opened.
    await page.locator('details.inside-fold > summary').click();
    const carries = page.getByRole('table', { name: 'Accuracy by carries' });
    await waitFor(async () => (await carries.locator('tbody tr').count()) >= 2, 'the carries table', 5_000);
    expect(await page.getByRole('table', { name: 'Accuracy by answer position' }).locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Carry stress set' }).click();
    await waitFor(async () => /Stress set: [\d.]+ % exact-match on \d+ sums\./.test((await page.getByRole('region', { name: 'See inside' }).textContent()) ?? ''), 'the stress set', 10_000);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('had no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
