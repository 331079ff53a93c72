/**
 * Headless Act 3: runs one ready experiment in Node on the wasm backend and
 * prints a JSON line per arm (examplesTo90, examplesTo99, seconds, exactMatch),
 * then the answer in a sentence.
 *   npm run experiment -- subtraction --largest 9 --max-seconds 60
 *   npm run experiment -- reverse-answer --largest 999 --encoder-units 128 --decoder-units 128
 * The flags after the name set the base settings, as for `npm run train`.
 */
import { answerSentence, EXPERIMENTS } from '../src/core/experiments';
import { useBackend } from '../src/model/backend';
import { namedArms, runArms } from './act3';
import { parseArgs } from './cli';

const [name, ...rest] = process.argv.slice(2);
const known = EXPERIMENTS.map((e) => e.id).join(', ');
if (!name || name.startsWith('--')) {
  process.stderr.write(`Name an experiment: ${known}\n`);
  process.exit(2);
}
const { config, maxSeconds } = parseArgs(rest.filter((a) => a !== '--verbose'));
const arms = namedArms(name, config);
if (!arms) {
  process.stderr.write(`Unknown experiment '${name}'. Known: ${known}\n`);
  process.exit(2);
}
if (!(await useBackend('wasm'))) {
  process.stderr.write('The wasm backend did not start; training on cpu (much slower).\n');
  await useBackend('cpu');
}
const results = await runArms(arms, maxSeconds ?? 120, (line) => console.log(line), process.argv.includes('--verbose') ? (l) => process.stderr.write(`${l}\n`) : undefined);
console.log(JSON.stringify({ done: true, answer: answerSentence(results) }));
