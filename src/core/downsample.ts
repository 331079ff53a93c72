/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): picks `threshold` of
 * `rows` that keep a line chart's shape. The first and last rows stay; the
 * rest are split into `threshold - 2` buckets, and from each bucket the row
 * forming the largest triangle with the row kept before it and the mean of
 * the next bucket is kept. From 4 rows up, two places are kept for the lowest
 * and highest `y`, added back if LTTB passed them over, so a loss spike or the
 * best accuracy never disappears from the chart. Rows are assumed sorted by
 * `x`; the result keeps their order and never has more than `threshold`.
 */
export function lttb<T>(rows: readonly T[], threshold: number, x: (row: T) => number, y: (row: T) => number): T[] {
  const size = Math.max(2, Math.floor(threshold));
  if (rows.length <= size) return rows.slice();
  if (size < 4) return pick(rows, size, x, y).map((i) => rows[i]);
  // Two places kept for the extremes, added back if LTTB passed them over.
  const picked = pick(rows, size - 2, x, y);
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < rows.length; i++) {
    if (y(rows[i]) < y(rows[lo])) lo = i;
    if (y(rows[i]) > y(rows[hi])) hi = i;
  }
  for (const extreme of new Set([lo, hi])) if (!picked.includes(extreme)) picked.push(extreme);
  return picked.sort((a, b) => a - b).map((i) => rows[i]);
}

/** Plain LTTB: the indices of `size` rows (at least 2, fewer than the rows), in order. */
function pick<T>(rows: readonly T[], size: number, x: (row: T) => number, y: (row: T) => number): number[] {
  const n = rows.length;
  const every = (n - 2) / (size - 2);
  const picked: number[] = [0];
  let a = 0;
  for (let bucket = 0; bucket < size - 2; bucket++) {
    const start = Math.floor(bucket * every) + 1;
    const end = Math.min(Math.floor((bucket + 1) * every) + 1, n - 1);
    // The mean of the next bucket (the last row for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let meanX = 0;
    let meanY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      meanX += x(rows[i]);
      meanY += y(rows[i]);
    }
    const count = Math.max(1, nextEnd - nextStart);
    meanX /= count;
    meanY /= count;
    const ax = x(rows[a]);
    const ay = y(rows[a]);
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - meanX) * (y(rows[i]) - ay) - (ax - x(rows[i])) * (meanY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    picked.push(best);
    a = best;
  }
  picked.push(n - 1);
  return picked;
}
