import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

describe('Act 3 in Chromium', () => {
  it('runs "Is subtraction harder than addition?" on a small problem: two curves and a sentence from the figures', async () => {
    const { page } = s;
    await fill(page, 'largest', '9');
    await page.getByRole('tab', { name: 'Act 3 · Experiments' }).click();
    await page.getByRole('button', { name: 'Is subtraction harder than addition?' }).click();
    const arms = page.getByRole('table', { name: 'Arms' });
    expect(await arms.locator('tbody th').allTextContents()).toEqual([' addition', ' subtraction']);
    expect(await arms.locator('tbody tr').nth(1).locator('td').first().textContent()).toBe('operators -');
    await page.getByLabel('seconds per arm').fill('40');
    await page.getByRole('button', { name: 'Run experiment' }).click();
    // Settings are locked while the arms train.
    await waitFor(async () => page.getByLabel('largest', { exact: true }).isDisabled(), 'settings locked', 10_000);
    const status = page.getByRole('status', { name: 'Experiment status' });
    await waitFor(async () => /^Done/.test((await status.textContent()) ?? ''), 'the experiment to finish', 150_000, 500);
    expect(await status.textContent()).toBe('Done: 2 of 2 arms ran');
    const chart = page.getByRole('figure', { name: 'Experiment chart' });
    expect(await chart.locator('.recharts-line').count()).toBe(2);
    expect(await chart.locator('.recharts-legend-item-text').allTextContents()).toEqual(['addition', 'subtraction']);
    const answer = (await page.getByLabel('Answer', { exact: true }).textContent()) ?? '';
    expect(answer).toMatch(/(Addition|Subtraction) reached 99 % after [\d\u2009]+ examples, (addition|subtraction) (after [\d\u2009]+|did not reach 99 %)/);
    // The figures in the table are the ones in the sentence.
    const to99 = await arms.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2].textContent));
    for (const figure of to99) if (figure !== 'not reached') expect(answer).toContain(figure!);
    expect(await page.getByLabel('largest', { exact: true }).isDisabled()).toBe(false);
  });

  it('adds the current settings as an arm, and the acts come back with their own panels', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add current settings as an arm' }).click();
    const heads = page.getByRole('table', { name: 'Arms' }).locator('tbody th');
    await waitFor(async () => (await heads.count()) === 3, 'the third arm', 5_000);
    expect(await heads.allTextContents()).toEqual([' addition', ' subtraction', ' your settings']);
    await page.getByRole('button', { name: 'Remove your settings' }).click();
    expect(await page.getByRole('table', { name: 'Arms' }).locator('tbody tr').count()).toBe(2);
    await page.getByRole('tab', { name: 'Act 2 · Seq2seq' }).click();
    expect(await page.getByRole('button', { name: 'Train', exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Experiments' }).count()).toBe(0);
  });

  it('had no console errors and asked no other origin', () => {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
