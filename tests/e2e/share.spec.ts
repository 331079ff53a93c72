import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, epochLosses, fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
});

afterAll(async () => {
  await s?.close();
});

const answerOf = async (page: Session['page']) => (await page.getByLabel('Model answer').textContent()) ?? '';

describe('keep, share and teach', () => {
  it('first visit: 50+11 is answered by the pre-trained model, with no training', async () => {
    const { page } = s;
    await waitFor(async () => (await answerOf(page)) === '61', 'the pre-trained answer 61', 20_000);
    expect(await page.getByText('Pre-trained', { exact: true }).count()).toBe(1);
    expect(await page.getByText(/Press Train to watch one learn from scratch/).count()).toBe(1);
    await page.getByLabel('Your sum').fill('abc');
    await waitFor(async () => (await page.getByLabel('Your sum').getAttribute('aria-invalid')) === 'true', 'a message for abc', 5_000);
    expect(await page.locator('#your-sum-error').textContent()).toMatch(/'a' is not allowed/);
  });

  it('the URL follows the settings; the link restores them and Train reproduces the first epoch exactly', async () => {
    const { page } = s;
    await fill(page, 'largest', '10');
    await fill(page, 'examples per epoch', '300');
    await fill(page, 'epochs', '2');
    await fill(page, 'stop at exact-match %', '0');
    await waitFor(async () => page.url().includes('largest=10'), 'largest in the URL', 5_000);
    const link = page.url();
    expect(link).toMatch(/epochs=2/);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /Done/.test((await readStatus(page)).text), 'the run to end', 60_000);
    const first = (await epochLosses(page))[0];
    // The run stays in the Runs list; ticked, its curve is drawn over the charts.
    const runs = page.getByRole('region', { name: 'Runs' });
    expect(await runs.locator('tbody tr').first().textContent()).toMatch(/^run \d+: Act 2 · Seq2seq · largest 10 · .*epochs 2/);
    await runs.getByRole('checkbox').first().check();
    await waitFor(async () => (await page.locator('figure[aria-label="Accuracy chart"]').textContent())?.includes('(exact-match)'), 'the overlay in the legend', 5_000);
    expect(await axeViolations(page)).toEqual([]);

    const other = await s.browser.newPage();
    await other.goto(link);
    expect(await other.getByLabel('largest', { exact: true }).inputValue()).toBe('10');
    expect(await other.getByLabel('epochs', { exact: true }).inputValue()).toBe('2');
    await other.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => /Done/.test((await readStatus(other)).text), 'the reproduced run to end', 60_000);
    expect((await epochLosses(other))[0]).toBe(first);
    await other.close();
  });

  it('a bad value in a link: a notice names the field, defaults are used, no console error', async () => {
    const page = await s.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${s.url}?largest=-5&seed=3`);
    const notices = page.getByRole('status', { name: 'Link notices' });
    expect(await notices.textContent()).toMatch(/largest=-5 in the link: largest must be from 1 to 99,999\. Using the default, 100\./);
    expect(await page.getByLabel('largest', { exact: true }).inputValue()).toBe('100');
    expect(await page.getByLabel('seed', { exact: true }).inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByRole('status', { name: 'Link notices' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('export, reload, import: the same answer; a corrupt file gets a message', async () => {
    const { page } = s;
    // The model trained above (largest 10).
    await page.getByLabel('Your sum').fill('7+8');
    await waitFor(async () => /^\d+$/.test(await answerOf(page)), 'an answer to 7+8', 10_000);
    const before = await answerOf(page);
    await page.getByLabel('Name', { exact: true }).fill('tens');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to a file' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    // Saved in the browser too: the list, its buttons, and no accessibility violations.
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    await waitFor(async () => (await page.getByRole('button', { name: 'Load tens' }).count()) === 1, 'the saved model in the list', 5_000);
    expect(await axeViolations(page)).toEqual([]);
    expect(JSON.parse(text)).toMatchObject({ format: 'carry-model', name: 'tens', config: { largest: 10 } });

    await page.reload();
    await page.locator('input[type=file]').setInputFiles({ name: 'tens.carry.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await waitFor(async () => (await page.getByText('Loaded “tens”.').count()) === 1, 'the import notice', 10_000);
    expect(await page.getByLabel('largest', { exact: true }).inputValue()).toBe('10'); // the link kept the settings through the reload
    await page.getByLabel('Your sum').fill('7+8');
    await waitFor(async () => (await answerOf(page)) === before, `the same answer ${before}`, 10_000);

    await page.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 5000)) });
    await waitFor(async () => (await page.getByRole('alert').filter({ hasText: 'cut short' }).count()) === 1, 'the corrupt-file message', 5_000);
    expect(await answerOf(page)).toBe(before);
  });

  it('Step advances one batch while paused', async () => {
    const { page } = s;
    await page.goto(`${s.url}?largest=10&epochs=50&examplesPerEpoch=2000&stopAtExact=0`);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await waitFor(async () => (await readStatus(page)).epoch >= 1, 'an epoch', 60_000);
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitFor(async () => /Paused/.test((await readStatus(page)).text), 'paused');
    const examples = () => page.evaluate(() => document.querySelector('.status')?.getAttribute('data-examples') ?? '');
    const held = Number(await examples());
    await page.getByRole('button', { name: 'Step' }).click();
    await waitFor(async () => Number(await examples()) > held, 'a step', 10_000);
    expect(Number(await examples())).toBe(held + 64);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => /Done/.test((await readStatus(page)).text), 'done after stop', 10_000);
  });

  it('classroom link: large type, the few fields the act needs, shortcuts on ?', async () => {
    const page = await s.browser.newPage();
    await page.goto(`${s.url}?class=1`);
    expect(await page.locator('.app--classroom').count()).toBe(1);
    expect(await page.getByLabel('largest', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('encoder units', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('learning rate', { exact: true }).count()).toBe(0);
    const size = await page.getByLabel('Model answer').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(48);
    await page.keyboard.press('?');
    expect(await page.getByRole('region', { name: 'Keyboard shortcuts' }).textContent()).toMatch(/Space.*Train, pause or resume/);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('axe-core: no violations on every act, Act 3 and the new panels', async () => {
    const page = await s.browser.newPage();
    await page.goto(s.url);
    await waitFor(async () => (await answerOf(page)) === '61', 'the pre-trained answer', 20_000);
    expect(await axeViolations(page)).toEqual([]);
    for (const tab of ['Act 1 · Mapping LSTM', 'Act 1 · MLP', 'Act 3 · Experiments']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await axeViolations(page), tab).toEqual([]);
    }
    await page.close();
  });

  it('had no console errors and asked no other origin', () => {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
