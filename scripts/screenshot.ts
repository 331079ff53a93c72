/**
 * Takes the README's screenshot of the built app: the default problem
 * (two numbers up to 100) after some training, with `50+11` asked.
 *   npm run build && npx tsx scripts/screenshot.ts [seconds] [out.png]
 */
import { openApp, readStatus } from '../tests/e2e/harness';

const seconds = Number(process.argv[2] ?? 25);
const out = process.argv[3] ?? 'docs/screenshot.png';
const s = await openApp();
try {
  await s.page.getByRole('button', { name: 'Train', exact: true }).click();
  await s.page.waitForTimeout(seconds * 1000);
  await s.page.getByRole('button', { name: 'Pause' }).click();
  await s.page.getByLabel('Your sum').fill('50+11');
  await s.page.waitForTimeout(700);
  await s.page.screenshot({ path: out, fullPage: true });
  console.log((await readStatus(s.page)).text, '| answer:', await s.page.getByLabel('Model answer').textContent());
} finally {
  await s.close();
}
