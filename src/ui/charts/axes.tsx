import { XAxis } from 'recharts';
import { ticksFromZero } from '../../core/ticks';

/** What recharts hands a custom tick: where, how anchored, and the value with its formatter. */
interface TickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  className?: string;
  index?: number;
  payload: { value: number | string };
  tickFormatter?: (value: never, index: number) => string;
}

/** How far down a one-line label is moved for its vertical anchor, as recharts' `Text` moves it (cap height 0.71em). */
const DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * A tick label as plain SVG text: recharts' own `Text` measures and wraps
 * every label (and is most of an axis's redraw), where these are short
 * numbers on one line.
 */
export function plainTick({ x, y, textAnchor = 'middle', verticalAnchor = 'end', fill, className, index = 0, payload, tickFormatter }: TickProps) {
  const label = tickFormatter ? tickFormatter(payload.value as never, index) : String(payload.value);
  return (
    <text x={x} y={y} dy={DY[verticalAnchor]} textAnchor={textAnchor} fill={fill} className={className}>
      {label}
    </text>
  );
}

/**
 * Axes whose ticks are computed here (`ticksFromZero`), never by recharts:
 * its own "nice" ticks are found with decimal.js and then thinned by measuring
 * every label, on every redraw of a chart that streams in twice a second.
 * With `niceTicks="none"` and the ticks given, every tick is drawn as it is.
 */

/** Thousands of examples as "12k", or "1.2k" between whole thousands (ticks 200 apart): never two labels alike. */
export const EXAMPLE_TICKS = (v: number): string => (v >= 1000 ? `${Number((v / 1000).toFixed(1))}k` : String(v));
/** Epochs, whole (their ticks are at least 1 apart). */
export const EPOCH_TICKS = (v: number): string => String(v);

/** The largest `key` of the last row of any series (0 for none): series are sorted by it. */
export function lastOf<K extends string>(key: K, ...series: readonly (readonly Record<K, number>[])[]): number {
  return series.reduce((m, rows) => Math.max(m, rows.at(-1)?.[key] ?? 0), 0);
}

/** An x axis from 0 to `max` (the last row), with round ticks up to it (`minStep` apart at least). */
export function xAxisFromZero({ dataKey, max, format, label, minStep = 0 }: { dataKey: string; max: number; format: (v: number) => string; label: string; minStep?: number }) {
  return (
    <XAxis
      dataKey={dataKey}
      type="number"
      domain={[0, Math.max(max, 1)]}
      ticks={ticksFromZero(max, { minStep })}
      niceTicks="none"
      interval={0}
      allowDuplicatedCategory={false}
      tickFormatter={format}
      tick={plainTick}
      label={{ value: label, position: 'insideBottom', offset: -4 }}
    />
  );
}

/** Props of a y axis from 0 to the first round value at or above the largest finite value (a diverged NaN is left off), with its ticks. */
export function yFromZero(values: readonly number[]) {
  const max = values.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
  const ticks = ticksFromZero(max, { cover: true });
  return { domain: [0, ticks.at(-1)!], ticks, niceTicks: 'none', interval: 0, tick: plainTick } as const;
}

/** Props of a y axis in per cent. */
export const PERCENT_Y = { domain: [0, 100], ticks: [0, 25, 50, 75, 100], niceTicks: 'none', interval: 0, tick: plainTick } as const;

/**
 * Chart rows frozen, each row and the list: recharts keeps a line's data in
 * its own immer store, and immer walks every new object it is handed to freeze
 * it, on each redraw; rows already frozen are passed over.
 */
export function frozenRows<T extends object>(rows: T[]): readonly T[] {
  for (const row of rows) Object.freeze(row);
  return Object.freeze(rows);
}
