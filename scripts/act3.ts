/**
 * Act 3 in Node: the ready experiments, and the problems whose targets the
 * bench measures. Shared by `npm run experiment` and `npm run bench`.
 */
import { DEFAULT_CONFIG, PRESETS, type Config } from '../src/core/config';
import { armConfigs, experimentById, type ArmResult } from '../src/core/experiments';
import { ExperimentRun } from '../src/model/experiment';

/** One Act 3 target of the bench: a problem, the time it may take, and what counts as met. */
export interface Act3Target {
  id: string;
  label: string;
  config: Config;
  /** Training seconds per seed. */
  seconds: number;
  /** Report the best exact-match within the time instead of a pass/fail at 99 %. */
  reportBest?: boolean;
}

const problem = (p: Partial<Config>): Config => ({ ...DEFAULT_CONFIG, backend: 'wasm', ...p });

/** The targets, in its order. */
export const ACT3_TARGETS: Act3Target[] = [
  { id: 'plus-minus', label: '+ and - of two numbers 1–100 to 99 %', config: problem({ operators: '+-' }), seconds: 60 },
  { id: 'two-to-three', label: '2 to 3 numbers 1–100, + to 99 %', config: problem({ minNumbers: 2, nNumbers: 3 }), seconds: 90 },
  { id: 'times-tables', label: 'times tables (*, 1–12) to 99 %', config: problem({ operators: '*', largest: 12 }), seconds: 60 },
  { id: 'brackets', label: '3 numbers 1–9, + -, brackets to 99 %', config: problem({ operators: '+-', minNumbers: 3, nNumbers: 3, largest: 9, brackets: true }), seconds: 120 },
  { id: 'brackets-times', label: '3 numbers 1–9, + - *, brackets: best in 5 min', config: problem({ operators: '+-*', minNumbers: 3, nNumbers: 3, largest: 9, brackets: true }), seconds: 300, reportBest: true },
  { id: 'two-digit-times', label: '2-digit × 2-digit: best in 5 min', config: problem({ operators: '*', largest: 99 }), seconds: 300, reportBest: true },
  { id: 'three-digit-plain', label: '3-digit addition, plain answers: examples to 99 %', config: { ...PRESETS['3-digit sums'], backend: 'wasm' }, seconds: 300 },
  { id: 'three-digit-reversed', label: '3-digit addition, reversed answers: examples to 99 %', config: { ...PRESETS['3-digit sums'], backend: 'wasm', reverseOutput: true }, seconds: 300 },
];

/** Runs an experiment's arms (or one target) from `base`, printing a JSON line per finished arm to `log`. */
export async function runArms(arms: { label: string; config: Config }[], maxSeconds: number, log: (line: string) => void, progress?: (line: string) => void): Promise<ArmResult[]> {
  const run = new ExperimentRun(arms, {
    maxSeconds,
    onEpoch: (arm, e) => progress?.(JSON.stringify({ arm: arms[arm].label, epoch: e.epoch, examples: e.examples, seconds: Number(e.seconds.toFixed(2)), exactMatch: e.exactMatch })),
    onArmDone: (_, r) =>
      log(JSON.stringify({
        arm: r.label,
        examplesTo90: r.examplesTo90,
        examplesTo99: r.examplesTo99,
        seconds: Number(r.seconds.toFixed(2)),
        exactMatch: r.exactMatch,
        best: r.best,
        examples: r.examples,
      })),
  });
  process.once('SIGINT', () => run.stop());
  return run.run();
}

/** The arms of a named experiment on `base`, or undefined for an unknown name. */
export function namedArms(name: string, base: Config): { label: string; config: Config }[] | undefined {
  const e = experimentById(name);
  return e && armConfigs(e, base);
}
