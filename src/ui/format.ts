import type { BackendName, BackendSpeed, EpochReport } from '../store/types';
import type { TrainingStatus } from '../store/trainingSlice';
import { KINDS, type ModelKind } from '../core/kinds';

/** How a model kind is named on screen. */
export const modelName = (kind: ModelKind): string => KINDS[kind].label;

import { grouped, percent } from '../core/format';

export { grouped, percent };

/** Spaces made visible, so learners see the padding. */
export const showPadding = (s: string): string => s.replace(/ /g, '·');

/** The status line, e.g. `Epoch 7 · exact-match 93.4 % · per-symbol 98.1 % · 2 140 ex/s · wasm`. */
export function statusLine(status: TrainingStatus, last: EpochReport | undefined, backend: string | undefined, message?: string): string {
  const parts: string[] = [];
  const lead: Record<TrainingStatus, string> = {
    idle: 'Ready: set the problem and press Train',
    starting: 'Starting…',
    training: 'Training',
    paused: 'Paused',
    stopping: 'Stopping…',
    done: 'Done',
    error: `Error: ${message ?? 'something went wrong'}`,
  };
  if (status !== 'training' || !last) parts.push(lead[status]);
  if (last) {
    parts.push(`Epoch ${last.epoch}`);
    if (last.perSymbolAccuracy === null) parts.push(`RMSE ${last.rmse.toFixed(2)}`, `exact-match ${percent(last.exactMatch)}`);
    else parts.push(`exact-match ${percent(last.exactMatch)}`, `per-symbol ${percent(last.perSymbolAccuracy)}`);
    // A loaded model's curve carries no speed.
    if (last.examplesPerSecond > 0) parts.push(`${grouped(last.examplesPerSecond)} ex/s`);
  }
  if (backend) parts.push(backend);
  return parts.join(' · ');
}

/**
 * A heat-map cell's colours: `share` (0–1) of the colour `rgb` over white,
 * with text that stays readable (WCAG AA) at every shade. Dark text reads on
 * shades up to about 0.65 and white from about 0.8, so the scale steps over
 * the band between.
 */
export function heat(share: number, rgb: readonly [number, number, number]): { background: string; color?: string } {
  const s = Math.min(1, Math.max(0, share));
  const alpha = s <= 0.6 ? s * 1.08 : 0.8 + (0.2 * (s - 0.6)) / 0.4;
  return { background: `rgba(${rgb.join(', ')}, ${alpha.toFixed(3)})`, ...(s > 0.6 ? { color: '#fff' } : {}) };
}

/** `wasm, 2 threads, measured 1 900 ex/s`: the backend as the status line names it. */
export function backendLabel(backend: { active: BackendName; threads?: number; speeds?: readonly BackendSpeed[] }): string {
  const parts: string[] = [backend.active];
  if (backend.threads !== undefined) parts.push(`${backend.threads} thread${backend.threads === 1 ? '' : 's'}`);
  const measured = backend.speeds?.find((s) => s.backend === backend.active)?.examplesPerSecond;
  if (measured) parts.push(`measured ${grouped(measured)} ex/s`);
  return parts.join(', ');
}
