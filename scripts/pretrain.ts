/**
 * Rebuilds the pre-trained models in public/pretrained/ with the app's own
 * trainer, settings and seeds (src/core/pretrained.ts lists them):
 *   npm run make-pretrained            every model
 *   npm run make-pretrained -- mapping-mlp.json
 * Each symbol model trains until 99.5 % held-out exact-match (or its epochs
 * run out); the mapping models train their settings' epochs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { KINDS } from '../src/core/kinds';
import { PRETRAINED } from '../src/core/pretrained';
import { writeSavedModel, type CurvePoint } from '../src/core/savedModel';
import { useBackend } from '../src/model/backend';
import { Trainer } from '../src/model/train';

const TARGET = 0.995;
const only = process.argv.slice(2);
if (!(await useBackend('wasm'))) await useBackend('cpu');
mkdirSync('public/pretrained', { recursive: true });

for (const { file, config } of PRETRAINED) {
  if (only.length && !only.includes(file)) continue;
  const curve: CurvePoint[] = [];
  const trainer = new Trainer(config, {
    targetExact: KINDS[config.model].output === 'symbols' ? TARGET : undefined,
    onEpoch: ({ epoch, examples, seconds, loss, exactMatch, perSymbolAccuracy, rmse }) => curve.push({ epoch, examples, seconds, loss, exactMatch, perSymbolAccuracy, rmse }),
  });
  const summary = await trainer.run();
  const { weights, shapes } = await trainer.weights();
  const text = writeSavedModel({ name: `${KINDS[config.model].label} (pre-trained)`, savedAt: new Date().toISOString(), pretrained: true, config, curve, weights, shapes });
  writeFileSync(`public/pretrained/${file}`, text);
  trainer.dispose();
  console.log(`${file}: ${summary.epochs} epochs, ${summary.examples} examples, ${summary.seconds.toFixed(1)} s, exact-match ${(summary.exactMatch * 100).toFixed(1)} %, RMSE ${summary.rmse.toFixed(3)}, ${(text.length / 1024).toFixed(0)} kB`);
}
