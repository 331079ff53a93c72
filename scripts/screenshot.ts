/**
 * Screenshots of the built app for the README and the docs, taken as a
 * learner would: pick an act, press Train, ask a sum, run the shuffle test.
 *   npm run build && npx tsx scripts/screenshot.ts            every act
 *   npm run build && npx tsx scripts/screenshot.ts --act3     Act 3 alone
 *   npm run build && npx tsx scripts/screenshot.ts --inside   the error map and "see inside" alone
 */
import type { Page } from 'playwright-core';
import { fill, openApp, readStatus, waitFor } from '../tests/e2e/harness';

async function trainFor(page: Page, seconds: number) {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const end = Date.now() + seconds * 1000;
  await waitFor(async () => /^Done/.test((await readStatus(page)).text) || Date.now() > end, 'training', seconds * 1000 + 30_000);
  if (!/^Done/.test((await readStatus(page)).text)) {
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitFor(async () => /^Done/.test((await readStatus(page)).text), 'stop');
  }
}

async function shot(page: Page, path: string) {
  await page.waitForTimeout(800);
  await page.screenshot({ path, fullPage: true });
  console.log(path, '·', (await readStatus(page)).text);
}

/** Act 3: an experiment on a small problem, every arm to 99 %. */
async function act3(page: Page) {
  await fill(page, 'largest', '9');
  await page.getByRole('tab', { name: 'Act 3 · Experiments' }).click();
  await page.getByRole('button', { name: 'One-hot, integer or embedding?' }).click();
  await page.getByRole('button', { name: 'Run experiment' }).click();
  const status = page.getByRole('status', { name: 'Experiment status' });
  await waitFor(async () => /^Done/.test((await status.textContent()) ?? ''), 'the experiment', 400_000, 500);
  await page.waitForTimeout(800);
  await page.screenshot({ path: 'docs/screenshots/act3-experiment.png', fullPage: true });
  console.log('docs/screenshots/act3-experiment.png ·', await page.getByLabel('Answer', { exact: true }).textContent());
}

/** See inside: the default problem part-trained (12 s), its error map, carries and digit confusion. */
async function inside(page: Page) {
  await page.getByRole('tab', { name: 'Act 2 · Seq2seq' }).click();
  await fill(page, 'largest', '100');
  await fill(page, 'stop at exact-match %', '0');
  await trainFor(page, 12);
  await page.locator('details.inside-fold > summary').click();
  await page.locator('.error-map__grid').hover({ position: { x: 250, y: 300 } });
  await page.waitForTimeout(800);
  const panel = page.locator('section[aria-label="Error map panel"]');
  await panel.scrollIntoViewIfNeeded();
  const top = (await panel.boundingBox())!.y;
  const bottom = await page.locator('details.inside-fold').evaluate((d) => d.getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({ path: 'docs/screenshots/see-inside.png', fullPage: true, clip: { x: 0, y: top + (await page.evaluate(() => window.scrollY)) - 10, width: 1400, height: bottom - top - (await page.evaluate(() => window.scrollY)) + 20 } });
  console.log('docs/screenshots/see-inside.png ·', await page.locator('#error-map-summary').textContent());
}

const s = await openApp();
if (process.argv.includes('--inside')) {
  try {
    await inside(s.page);
  } finally {
    await s.close();
  }
  process.exit(0);
}
if (process.argv.includes('--act3')) {
  try {
    await act3(s.page);
  } finally {
    await s.close();
  }
  process.exit(0);
}
try {
  const { page } = s;
  // Act 1: the mapping LSTM, then the MLP, on the default problem.
  await page.getByRole('tab', { name: 'Act 1 · Mapping LSTM' }).click();
  await trainFor(page, 20);
  await page.getByLabel('Your sum').fill('50+11');
  await page.getByRole('button', { name: 'Shuffle the inputs' }).click();
  await shot(page, 'docs/screenshots/act1-mapping-lstm.png');
  await page.getByRole('tab', { name: 'Act 1 · MLP' }).click();
  await trainFor(page, 20);
  await page.getByRole('button', { name: 'Shuffle the inputs' }).click();
  await shot(page, 'docs/screenshots/act1-mlp.png');
  // Act 2: seq2seq on the default problem (two numbers up to 100).
  await page.getByRole('tab', { name: 'Act 2 · Seq2seq' }).click();
  await trainFor(page, 40);
  await page.getByLabel('Your sum').fill('50+11');
  await page.getByRole('button', { name: 'Shuffle the inputs' }).click();
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Compare trained models' }).click();
  await shot(page, 'docs/screenshots/act2-seq2seq.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshot.png' });
  console.log('docs/screenshot.png');
  // The tutorial problem to 99 %.
  await fill(page, 'largest', '10');
  await trainFor(page, 30);
  await page.getByLabel('Your sum').fill('5+3');
  await shot(page, 'docs/screenshots/act2-tutorial-problem.png');
  await inside(page);
  await act3(page);
} finally {
  await s.close();
}
