import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

describe('attention decoder, in Chromium', () => {
  it('an attention model draws its weights for the typed sum as a heat map in Ask the model and in the inspector, with a text summary and no axe violations', async () => {
    const { page } = s;
    await fill(page, 'largest', '10');
    await page.getByLabel('decoder', { exact: true }).selectOption('attention');
    await fill(page, 'epochs', '6');
    await fill(page, 'stop at exact-match %', '0');
    expect(await page.locator('.derived').filter({ hasText: 'Attention(Luong general' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'the run to end', 120_000);

    await fill(page, 'Your sum', '5+3');
    const ask = page.locator('section[aria-label="Ask the model"]');
    const map = ask.getByRole('table', { name: /^Attention: where each answer symbol looks in the input/ });
    await waitFor(async () => (await map.count()) === 1, 'the attention map in Ask the model', 15_000);
    // Largest 10: inputs like ` 5+3` padded to 5 symbols, answers 2 symbols wide.
    expect(await map.locator('thead th').allTextContents()).toEqual(['answer ↓ input →', '␣', '␣', '5', '+', '3']);
    expect(await map.locator('tbody tr').count()).toBe(2);
    expect(await map.locator('tbody tr').first().locator('td').count()).toBe(5);
    // Each row is a distribution over the input: the titles (percentages) add up to about 100.
    const row = (await map.locator('tbody tr').first().locator('td').evaluateAll((tds) => tds.map((td) => Number.parseFloat(td.getAttribute('title') ?? '')))) as number[];
    expect(Math.abs(row.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
    const summary = await page.locator(`[id="${await map.getAttribute('aria-describedby')}"]`).textContent();
    expect(summary).toMatch(/^Where each answer symbol looks most: .+ ← .+ \(input \d, [\d.]+ %\); .+ ← .+ \(input \d, [\d.]+ %\)\.$/);

    const inspector = page.locator('section[aria-label="Pipeline inspector"]');
    await waitFor(async () => (await inspector.getByRole('table', { name: /^Attention:/ }).count()) === 1, 'the attention map in the inspector', 10_000);
    expect(await inspector.getByRole('table', { name: /^Attention:/ }).locator('tbody tr').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);

    // Back to the lesson's RepeatVector: a model without attention shows no map.
    await page.getByLabel('decoder', { exact: true }).selectOption('repeat');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'the second run to end', 120_000);
    await fill(page, 'Your sum', '4+3');
    await waitFor(async () => (await page.getByRole('table', { name: /^Attention:/ }).count()) === 0, 'the maps to go', 10_000);
  });

  it('had no console errors', () => {
    expect(s.errors).toEqual([]);
  });
});
