import { useDeferredValue, useMemo, useState } from 'react';
import { lttb } from '../../core/downsample';
import { useThrottled } from '../hooks/useThrottled';
import { EPOCH_TICKS, EXAMPLE_TICKS, frozenRows, lastOf, PERCENT_Y, xAxisFromZero, yFromZero } from './axes';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { writesSymbols } from '../../core/kinds';
import type { ModelKind } from '../../core/config';
import { overlays } from '../../store/historySlice';
import { useCarryStore, useRun } from '../../store/store';
import type { EpochReport } from '../../store/types';
import { grouped, percent } from '../format';

type XKey = 'epoch' | 'examples';

/** Colours of past runs' curves (distinct from the current run's). */
const PAST_COLOURS = ['#7b5ea7', '#c2185b', '#00838f', '#6d4c41', '#558b2f'];

/** Rows of the epoch log shown under the charts (the newest). */
const LOG_ROWS = 100;

/** Points per curve: about one per two pixels of a chart's width; longer series are downsampled (LTTB). */
export const CHART_POINTS = 300;

/** Least time between two redraws of the charts while a run streams in (ms). */
export const CHART_REDRAW_MS = 500;

/**
 * How long after a change each chart redraws (ms): never in the task of the
 * click or message that changed it, and never the two charts in one task.
 */
const LOSS_LAG_MS = 50;
const SCORE_LAG_MS = 300;

/** One epoch as a chart row (accuracies in per cent). */
function epochRow(e: EpochReport) {
  return { epoch: e.epoch, examples: e.examples, loss: e.loss, perSymbol: e.perSymbolAccuracy === null ? null : e.perSymbolAccuracy * 100, exact: e.exactMatch * 100, rmse: e.rmse };
}

/** What a curve of epochs is downsampled by: its own lowest and highest survive. */
type Measure = 'loss' | 'exact' | 'rmse';
const MEASURES: Record<Measure, (e: EpochReport) => number> = { loss: (e) => e.loss, exact: (e) => e.exactMatch, rmse: (e) => e.rmse };

/** At most CHART_POINTS chart rows that keep the curve's shape and its best and worst (long runs have 10 000 epochs). */
function epochRows(epochs: readonly EpochReport[], by: Measure) {
  return frozenRows(lttb(epochs, CHART_POINTS, (e) => e.examples, MEASURES[by]).map(epochRow));
}

/** One curve's key. */
interface Key {
  name: string;
  colour: string;
  style?: 'dashed' | 'thin';
}

/**
 * The chart's key as plain HTML above it: recharts' own legend measures itself
 * on every redraw, which forces the page's layout while a run streams in.
 */
function ChartLegend({ keys }: { keys: Key[] }) {
  return (
    <ul className="chart-legend">
      {keys.map((k) => (
        <li key={k.name}>
          <span className={`swatch${k.style ? ` swatch--${k.style}` : ''}`} style={{ color: k.colour }} aria-hidden="true" />
          {k.name}
        </li>
      ))}
    </ul>
  );
}

/** The x axis both charts share: epochs or examples seen, from 0 to the last row drawn. */
function xAxis(xKey: XKey, max: number) {
  return xKey === 'examples'
    ? xAxisFromZero({ dataKey: xKey, max, format: EXAMPLE_TICKS, label: 'examples seen' })
    : xAxisFromZero({ dataKey: xKey, max, format: EPOCH_TICKS, label: 'epoch', minStep: 1 });
}

const LOSS_TICKS = (v: number) => v.toFixed(2);
const LOG_LOSS_TICKS = (v: number) => v.toExponential(0);

/** Batch and epoch losses, redrawn at most every CHART_REDRAW_MS (both series at once), at low priority. */
function LossFigure({ xKey, mapping }: { xKey: XKey; mapping: boolean }) {
  const points = useRun('points');
  const epochs = useRun('epochs');
  // Batch losses are placed on the epoch axis by the examples they had seen.
  const perEpoch = useRun('trainedConfig')?.examplesPerEpoch ?? 1;
  // One snapshot of everything drawn: a progress event changes the series together, so they redraw
  // together, and a new run (the Train click) redraws them later, never in the click's own task.
  const both = useDeferredValue(useThrottled(useMemo(() => ({ points, epochs, perEpoch }), [points, epochs, perEpoch]), CHART_REDRAW_MS, LOSS_LAG_MS));
  const lossEpochs = useMemo(() => epochRows(both.epochs, 'loss'), [both.epochs]);
  const lossRows = useMemo(
    () => frozenRows(lttb(both.points, CHART_POINTS, (p) => p.examples, (p) => p.loss).map((p) => ({ examples: p.examples, epoch: p.examples / both.perEpoch, batchLoss: p.loss }))),
    [both.points, both.perEpoch],
  );
  // The same chart element while its data is unchanged: other store updates (a click, a new status) never re-render recharts.
  return useMemo(() => (
    <figure aria-label="Loss chart">
      <figcaption>{mapping ? 'Loss (mean squared error, normalised)' : 'Loss (cross-entropy)'}</figcaption>
      <ChartLegend keys={[{ name: 'batch loss', colour: '#9db4d3', style: 'thin' }, { name: 'epoch loss', colour: '#1f4e8c' }]} />
      <ResponsiveContainer width="100%" height={240}>
        <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxis(xKey, lastOf(xKey, lossRows, lossEpochs))}
          {mapping
            ? <YAxis width={52} tickFormatter={LOG_LOSS_TICKS} scale="log" domain={['auto', 'auto']} allowDataOverflow />
            : <YAxis width={52} tickFormatter={LOSS_TICKS} {...yFromZero([...lossRows.map((r) => r.batchLoss), ...lossEpochs.map((r) => r.loss)])} allowDataOverflow />}
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Line data={lossRows} dataKey="batchLoss" name="batch loss" stroke="#9db4d3" dot={false} isAnimationActive={false} strokeWidth={1} />
          <Line data={lossEpochs} dataKey="loss" name="epoch loss" stroke="#1f4e8c" dot={false} isAnimationActive={false} strokeWidth={2.5} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  ), [lossRows, lossEpochs, xKey, mapping]);
}

/** Held-out accuracy (symbol models) or RMSE (mapping models), with the ticked past runs drawn thin beneath. */
function ScoreFigure({ xKey, act, mapping }: { xKey: XKey; act: ModelKind; mapping: boolean }) {
  const current = useRun('epochs');
  const latestHistory = useCarryStore((s) => s.history);
  // Past runs go through the same throttle: the Train click files the last run there, and the redraw comes later.
  const { epochs, history } = useDeferredValue(useThrottled(useMemo(() => ({ epochs: current, history: latestHistory }), [current, latestHistory]), CHART_REDRAW_MS, SCORE_LAG_MS));
  const rows = useMemo(() => epochRows(epochs, mapping ? 'rmse' : 'exact'), [epochs, mapping]);
  const past = useMemo(
    () => overlays(history, act).map((o) => ({ ...o, rows: frozenRows(lttb(o.rows, CHART_POINTS, (r) => r.examples, mapping ? (r) => r.rmse : (r) => r.exact)) })),
    [history, act, mapping],
  );
  return useMemo(() => {
    const max = lastOf(xKey, rows, ...past.map((o) => o.rows));
    return mapping ? (
    <figure aria-label="RMSE chart">
      <figcaption>RMSE on held-out sums (original units)</figcaption>
      <ChartLegend keys={[...past.map((o, i) => ({ name: o.name, colour: PAST_COLOURS[i % PAST_COLOURS.length], style: 'thin' as const })), { name: 'RMSE', colour: '#b3261e' }]} />
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxis(xKey, max)}
          <YAxis width={44} {...yFromZero([...rows.map((r) => r.rmse), ...past.flatMap((o) => o.rows.map((r) => r.rmse))])} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          {past.map((o, i) => (
            <Line key={o.id} data={o.rows} dataKey="rmse" name={o.name} stroke={PAST_COLOURS[i % PAST_COLOURS.length]} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
          <Line dataKey="rmse" name="RMSE" stroke="#b3261e" dot={false} isAnimationActive={false} strokeWidth={2.5} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  ) : (
    <figure aria-label="Accuracy chart">
      <figcaption>Accuracy on held-out sums (%) <span className="muted">· the first 200 until 90 %, then all</span></figcaption>
      <ChartLegend
        keys={[
          { name: 'per-symbol accuracy', colour: '#d08a1f', style: 'dashed' },
          ...past.map((o, i) => ({ name: `${o.name} (exact-match)`, colour: PAST_COLOURS[i % PAST_COLOURS.length], style: 'thin' as const })),
          { name: 'exact-match accuracy', colour: '#2a7a3b' },
        ]}
      />
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxis(xKey, max)}
          <YAxis width={44} {...PERCENT_Y} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : String(v))} />
          <Line dataKey="perSymbol" name="per-symbol accuracy" stroke="#d08a1f" dot={false} isAnimationActive={false} strokeWidth={2} strokeDasharray="6 3" />
          {past.map((o, i) => (
            <Line key={o.id} data={o.rows} dataKey="exact" name={`${o.name} (exact-match)`} stroke={PAST_COLOURS[i % PAST_COLOURS.length]} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
          <Line dataKey="exact" name="exact-match accuracy" stroke="#2a7a3b" dot={false} isAnimationActive={false} strokeWidth={2.5} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
    );
  }, [rows, past, xKey, mapping]);
}

/** The newest epochs as numbers: rendered only while open (a hundred rows on every update cost the page). */
function EpochLog() {
  const epochs = useThrottled(useRun('epochs'), CHART_REDRAW_MS);
  return (
    <table aria-label="Epoch log">
      <thead>
        <tr><th scope="col">epoch</th><th scope="col">examples seen</th><th scope="col">loss</th><th scope="col">per-symbol</th><th scope="col">exact-match</th><th scope="col">seconds</th><th scope="col">RMSE</th><th scope="col">held-out sums</th></tr>
      </thead>
      <tbody>
        {epochs.slice(-LOG_ROWS).map((e) => (
          <tr key={e.epoch}>
            <td>{e.epoch}</td><td>{grouped(e.examples)}</td><td>{e.loss.toPrecision(4)}</td>
            <td>{e.perSymbolAccuracy === null ? '–' : percent(e.perSymbolAccuracy)}</td><td>{percent(e.exactMatch)}</td><td>{e.seconds.toFixed(1)}</td><td>{e.rmse.toFixed(3)}</td><td>{grouped(e.heldOut)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Live loss and accuracy curves, against epoch or examples seen. Each chart
 * subscribes to its own data and redraws at most twice a second, the score
 * chart a quarter second after the loss chart, so no redraw holds the page
 * for long.
 */
export function TrainingCharts() {
  const act = useCarryStore((s) => s.draft.model);
  const mapping = !writesSymbols(act);
  const [xKey, setXKey] = useState<XKey>('epoch');
  const [logOpen, setLogOpen] = useState(false);

  return (
    <section className="panel charts" aria-label="Training charts">
      <div className="charts__head">
        <h2>Learning curves</h2>
        <div role="group" aria-label="x axis" className="toggle">
          {(['epoch', 'examples'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={xKey === k} onClick={() => setXKey(k)}>
              {k === 'epoch' ? 'by epoch' : 'by examples seen'}
            </button>
          ))}
        </div>
      </div>
      <div className="charts__grid">
        {/* Keyed by act: a switch starts each chart afresh from that act's run, never drawing the last act's throttled data under the new one's measure. */}
        <LossFigure key={`loss-${act}`} xKey={xKey} mapping={mapping} />
        <ScoreFigure key={`score-${act}`} xKey={xKey} act={act} mapping={mapping} />
      </div>
      <details className="epoch-log" onToggle={(e) => setLogOpen(e.currentTarget.open)}>
        <summary>Numbers behind the curves</summary>
        {logOpen && <EpochLog />}
      </details>
    </section>
  );
}
