import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

const answer = async () => (await s.page.getByLabel('Model answer').textContent()) ?? '';

describe('Problems beyond the lesson’s addition, in Chromium', () => {
  it('refuses brackets with two numbers, beside the field, and keeps Train off until fixed', async () => {
    const { page } = s;
    await page.getByLabel('brackets (3 or more numbers)').check();
    expect(await page.locator('#field-brackets-error').textContent()).toBe('brackets need n_numbers of 3 or more');
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('brackets (3 or more numbers)').uncheck();
    await fill(page, 'operators', '+ /');
    expect(await page.locator('#field-operators-error').textContent()).toMatch(/operators must be one or more of \+ - \*/);
    expect(await page.getByRole('button', { name: 'Train', exact: true }).isDisabled()).toBe(true);
  });

  it('learns + and -: 7-9 is answered -2, with a probability bar per answer position', async () => {
    const { page } = s;
    await fill(page, 'operators', '+ -');
    await fill(page, 'largest', '9');
    // The settings show the problem as the model sees it: a minus sign in the alphabet, answers 2 symbols wide.
    expect(await page.locator('fieldset', { hasText: 'Problem' }).locator('.derived').textContent()).toMatch(/answer 2, alphabet 0123456789\+-· \(13\)/);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => (await readStatus(page)).epoch >= 1, 'the first epoch', 60_000);
    await page.getByLabel('Your sum').fill('7-9');
    await waitFor(async () => (await answer()) === '-2', '7-9 answered -2', 120_000, 300);
    expect(await page.locator('.bars .bar').count()).toBe(2);
    expect(await page.locator('.answer .ok').textContent()).toBe('✓ right');
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'done after stop', 15_000);
    // The table and the inspector show the operators too.
    const inputs = await page.locator('section[aria-label="Predictions"] tbody tr td:first-child').allTextContents();
    expect(inputs.some((t) => t.includes('-'))).toBe(true);
    expect(await page.locator('section[aria-label="Pipeline inspector"]').textContent()).toMatch(/7-9 = -2/);
  });

  it('a model trained without brackets says so when asked 3*(4+5)', async () => {
    const { page } = s;
    await page.getByLabel('Your sum').fill('3*(4+5)');
    await waitFor(async () => (await page.getByLabel('Your sum').getAttribute('aria-invalid')) === 'true', 'an error', 5_000);
    expect(await page.locator('#your-sum-error').textContent()).toBe("This model was trained on + and - only, not '*'.");
    await page.getByLabel('Your sum').fill('3+(4+5)');
    await waitFor(async () => /trained without brackets/.test((await page.locator('#your-sum-error').textContent()) ?? ''), 'the brackets message', 5_000);
  });

  it('had no console errors and asked no other origin', () => {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
