import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, openApp, readStatus, waitFor, type Session } from './harness';

let s: Session;

beforeAll(async () => {
  s = await openApp();
  // The first visit loads the model shipped for the default problem; let it land before changing the settings.
  await waitFor(async () => (await s.page.getByLabel('Model answer').textContent()) === '61', 'the pre-trained answer', 30_000);
});

afterAll(async () => {
  await s?.close();
});

async function trainUntilDone(timeoutMs = 60_000) {
  const { page } = s;
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'the run to finish', timeoutMs);
}

describe('the three acts in Chromium', () => {
  it('the shipped model fills the held-out table on the first visit, before any Train', async () => {
    const rows = s.page.locator('section[aria-label="Predictions"] tbody tr');
    await waitFor(async () => (await rows.count()) > 0, 'the held-out table', 10_000);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells).toHaveLength(4);
    expect(cells[3]).toMatch(/right|wrong/);
    // A trained model: nearly every sum right.
    const right = await s.page.locator('section[aria-label="Predictions"] tbody tr.row--right').count();
    expect(right / (await rows.count())).toBeGreaterThan(0.9);
  });

  it('Act 1 · MLP trains to RMSE ≈ 0, shows err per row, and shrugs at the shuffle test', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Act 1 · MLP' }).click();
    expect(await page.getByRole('tab', { name: 'Act 1 · MLP' }).getAttribute('aria-selected')).toBe('true');
    // Mapping models have no encoder/decoder settings.
    expect(await page.getByLabel('encoder units', { exact: true }).count()).toBe(0);
    await fill(page, 'largest', '10');
    await fill(page, 'epochs', '20');
    await trainUntilDone();
    const status = (await readStatus(page)).text;
    const rmse = Number(/RMSE ([\d.]+)/.exec(status)?.[1]);
    expect(rmse).toBeLessThan(0.5);
    const header = await page.locator('section[aria-label="Predictions"] thead').innerText();
    expect(header).toMatch(/err/);

    await page.getByRole('button', { name: 'Shuffle the inputs' }).click();
    await waitFor(async () => (await page.locator('section[aria-label="Shuffle test"]').innerText()).includes('barely cares'), 'the shuffle verdict', 10_000);

    await page.getByLabel('Your sum').fill('5+3');
    await waitFor(async () => (await page.getByLabel('Model answer').textContent()) === '8', 'the MLP to answer 8', 10_000);
  });

  it('Act 2 · Seq2seq reads characters: the inspector shows every stage and shuffling breaks the answers', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Act 2 · Seq2seq' }).click();
    expect(await page.getByLabel('encoder units', { exact: true }).inputValue()).toBe('100');
    await fill(page, 'epochs', '4');
    await page.getByLabel('Your sum').fill('5+3');
    const inspector = page.locator('section[aria-label="Pipeline inspector"]');
    // Before any training the pre-trained model (largest 100: 7 input symbols) reads the typed sum: padding, codes, one-hot.
    await waitFor(async () => (await inspector.getByLabel('input codes').count()) === 1, 'the pre-trained pipeline', 10_000);
    expect(await inspector.getByLabel('padded input: "    5+3"').count()).toBe(1);
    expect(await inspector.getByLabel('input codes').textContent()).toBe('[11, 11, 11, 11, 5, 10, 3]');
    expect(await inspector.locator('table[aria-label="One-hot input"] tbody tr').count()).toBe(7);
    await trainUntilDone();
    // The model trained on largest 10 reads 5 symbols.
    await waitFor(async () => (await inspector.getByLabel('input codes').textContent()) === '[11, 11, 5, 10, 3]', 'the trained pipeline', 10_000);
    await waitFor(async () => (await inspector.locator('table[aria-label="Output probabilities"] tbody tr').count()) === 2, 'the output grid', 10_000);
    expect(await inspector.getByLabel(/decoded answer/).count()).toBe(1);

    await page.getByRole('button', { name: 'Shuffle the inputs' }).click();
    await waitFor(async () => (await page.locator('section[aria-label="Shuffle test"]').innerText()).includes('fall apart'), 'the seq2seq shuffle verdict', 10_000);
  });

  it('compares the trained models on the same held-out sums', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Compare trained models' }).click();
    const table = page.locator('table[aria-label="Comparison"]');
    await waitFor(async () => (await table.locator('tbody tr').count()) === 2, 'two compared models', 10_000);
    const text = await table.innerText();
    expect(text).toMatch(/Act 1 · MLP/);
    expect(text).toMatch(/Act 2 · Seq2seq/);
    expect(await page.locator('section[aria-label="Compare models"]').innerText()).toMatch(/Act 1 · Mapping LSTM \(not trained yet\)/);
  });

  it('had no console errors', () => {
    expect(s.errors).toEqual([]);
    expect(s.foreignRequests).toEqual([]);
  });
});
