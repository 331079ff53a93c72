/**
 * Round axis ticks, computed once per redraw in plain arithmetic. recharts
 * finds its own "nice" ticks with decimal.js and then measures every label to
 * thin out overlapping ones; on a chart redrawn twice a second while a run
 * streams in, that was most of each redraw. Charts pass these ticks instead.
 */

/** The step between about `count` ticks over `span`: 1, 2 or 5 times a power of ten (as d3's `tickIncrement`). */
export function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return factor * power;
}

/**
 * Ticks from 0 in round steps, about `count` of them, no closer than
 * `minStep` (1 for whole epochs): up to `max` (the last tick at most `max`),
 * or with `cover` on to the first tick at or above it (for an axis whose top
 * should be a labelled round number). `max` of 0 or less, or not a number,
 * gives `[0]`.
 */
export function ticksFromZero(max: number, { count = 5, cover = false, minStep = 0 }: { count?: number; cover?: boolean; minStep?: number } = {}): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const step = Math.max(minStep, tickStep(max, count));
  const last = cover ? Math.ceil(max / step - 1e-9) : Math.floor(max / step + 1e-9);
  // i × step can miss a round value by one ulp (3 × 0.1); rounding to the step's own decimals removes it.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Array.from({ length: last + 1 }, (_, i) => Number((i * step).toFixed(decimals)));
}
