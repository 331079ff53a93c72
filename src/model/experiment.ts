import type { Config } from '../core/config';
import { examplesToReach, type ArmResult } from '../core/experiments';
import { Trainer, type EpochReport, type TrainerOptions } from './train';

/** Options of an experiment run. */
export interface ExperimentOptions {
  /** Held-out exact-match that ends an arm (default 0.99). */
  targetExact?: number;
  /** Training seconds each arm may take at most. */
  maxSeconds: number;
  /** Held-out expressions each arm is scored on (default the trainer's 1 000). */
  heldOutSize?: number;
  onEpoch?: (arm: number, report: EpochReport) => void;
  onArmDone?: (arm: number, result: ArmResult) => void;
  /** Trainer options for every arm (batch reporting, clock). */
  trainer?: Pick<TrainerOptions, 'flushMs' | 'now' | 'onBatch'>;
}

/**
 * Trains the arms one after the other (the same seed each, so arms asking the
 * same questions share a held-out set) and measures each: examples to 90 %
 * and 99 %, seconds, final and best exact-match. `stop()` ends the arm in
 * flight, which counts as stopped, and skips the rest; finished arms stay.
 */
export class ExperimentRun {
  private current: Trainer | undefined;
  private stopped = false;

  private readonly arms: readonly { label: string; config: Config }[];
  private readonly options: ExperimentOptions;

  constructor(arms: readonly { label: string; config: Config }[], options: ExperimentOptions) {
    this.arms = arms;
    this.options = options;
  }

  /** Ends the arm in flight and skips the arms after it. */
  stop(): void {
    this.stopped = true;
    this.current?.stop();
  }

  /** Runs every arm; resolves with the results of those that ran. */
  async run(): Promise<ArmResult[]> {
    const results: ArmResult[] = [];
    const target = this.options.targetExact ?? 0.99;
    for (let i = 0; i < this.arms.length && !this.stopped; i++) {
      const { label, config } = this.arms[i];
      const epochs: EpochReport[] = [];
      const trainer = new Trainer(config, {
        ...this.options.trainer,
        heldOutSize: this.options.heldOutSize,
        targetExact: target,
        maxSeconds: this.options.maxSeconds,
        tableSize: 0,
        onEpoch: (e) => {
          epochs.push(e);
          this.options.onEpoch?.(i, e);
        },
      });
      this.current = trainer;
      try {
        const summary = await trainer.run();
        const result: ArmResult = {
          label,
          examplesTo90: examplesToReach(epochs, 0.9),
          examplesTo99: examplesToReach(epochs, target),
          seconds: summary.seconds,
          exactMatch: summary.exactMatch,
          best: epochs.reduce((m, e) => Math.max(m, e.exactMatch), 0),
          examples: summary.examples,
          stopped: summary.reason === 'stopped' || summary.reason === 'diverged',
        };
        results.push(result);
        this.options.onArmDone?.(i, result);
      } finally {
        this.current = undefined;
        trainer.dispose();
      }
    }
    return results;
  }
}
