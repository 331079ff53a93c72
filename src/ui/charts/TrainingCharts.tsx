import { useDeferredValue, useMemo, useState } from 'react';
import { lttb } from '../../core/downsample';
import { useThrottled } from '../hooks/useThrottled';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { writesSymbols } from '../../core/kinds';
import { overlays } from '../../store/historySlice';
import { useCarryStore, useRun } from '../../store/store';
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

/** Live loss and accuracy curves, against epoch or examples seen. */
export function TrainingCharts() {
  // Charts redraw at most twice a second, at low priority, so clicks stay instant while points stream in.
  const points = useDeferredValue(useThrottled(useRun('points'), CHART_REDRAW_MS));
  const epochs = useDeferredValue(useThrottled(useRun('epochs'), CHART_REDRAW_MS));
  const mapping = useCarryStore((s) => !writesSymbols(s.draft.model));
  // Past runs ticked in the Runs list, drawn thin under the current run.
  const history = useCarryStore((s) => s.history);
  const act = useCarryStore((s) => s.draft.model);
  const past = useMemo(
    () => overlays(history, act).map((o) => ({ ...o, rows: lttb(o.rows, CHART_POINTS, (r) => r.examples, mapping ? (r) => r.rmse : (r) => r.exact) })),
    [history, act, mapping],
  );
  const [xKey, setXKey] = useState<XKey>('epoch');
  // The log is only rendered while open: a hundred rows re-rendered on every update cost the page.
  const [logOpen, setLogOpen] = useState(false);

  // Long runs (10 000 epochs) are drawn from CHART_POINTS rows that keep the curve's shape and its best and worst.
  const epochRows = useMemo(
    () =>
      lttb(epochs, CHART_POINTS, (e) => e.examples, mapping ? (e) => e.rmse : (e) => e.exactMatch).map((e) => ({
        epoch: e.epoch,
        examples: e.examples,
        loss: e.loss,
        perSymbol: e.perSymbolAccuracy === null ? null : e.perSymbolAccuracy * 100,
        exact: e.exactMatch * 100,
        rmse: e.rmse,
      })),
    [epochs, mapping],
  );
  // Batch losses, placed on the epoch axis by the examples they had seen.
  const perEpoch = useRun('trainedConfig')?.examplesPerEpoch ?? 1;
  const lossRows = useMemo(
    () => lttb(points, CHART_POINTS, (p) => p.examples, (p) => p.loss).map((p) => ({ examples: p.examples, epoch: p.examples / perEpoch, batchLoss: p.loss })),
    [points, perEpoch],
  );

  const xAxis = (
    <XAxis
      dataKey={xKey}
      type="number"
      domain={[0, 'dataMax']}
      allowDecimals={xKey === 'examples'}
      tickFormatter={(v: number) => (xKey === 'examples' && v >= 1000 ? `${Math.round(v / 1000)}k` : String(Math.round(v * 10) / 10))}
      label={{ value: xKey === 'epoch' ? 'epoch' : 'examples seen', position: 'insideBottom', offset: -4 }}
    />
  );

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
        <figure aria-label="Loss chart">
          <figcaption>{mapping ? 'Loss (mean squared error, normalised)' : 'Loss (cross-entropy)'}</figcaption>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {xAxis}
              <YAxis width={52} tickFormatter={(v: number) => (mapping ? v.toExponential(0) : v.toFixed(2))} scale={mapping ? 'log' : 'auto'} domain={mapping ? ['auto', 'auto'] : [0, 'auto']} allowDataOverflow />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
              <Legend verticalAlign="top" height={24} />
              <Line data={lossRows} dataKey="batchLoss" name="batch loss" stroke="#9db4d3" dot={false} isAnimationActive={false} strokeWidth={1} />
              <Line data={epochRows} dataKey="loss" name="epoch loss" stroke="#1f4e8c" dot={false} isAnimationActive={false} strokeWidth={2.5} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        {mapping ? (
          <figure aria-label="RMSE chart">
            <figcaption>RMSE on held-out sums (original units)</figcaption>
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={epochRows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                {xAxis}
                <YAxis width={44} domain={[0, 'auto']} />
                <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
                <Legend verticalAlign="top" height={24} />
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
            <ResponsiveContainer width="100%" height={240}>
              <LineChart data={epochRows} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                {xAxis}
                <YAxis width={44} domain={[0, 100]} />
                <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : String(v))} />
                <Legend verticalAlign="top" height={24} />
                <Line dataKey="perSymbol" name="per-symbol accuracy" stroke="#d08a1f" dot={false} isAnimationActive={false} strokeWidth={2} strokeDasharray="6 3" />
                {past.map((o, i) => (
                  <Line key={o.id} data={o.rows} dataKey="exact" name={`${o.name} (exact-match)`} stroke={PAST_COLOURS[i % PAST_COLOURS.length]} dot={false} isAnimationActive={false} strokeWidth={1.5} />
                ))}
                <Line dataKey="exact" name="exact-match accuracy" stroke="#2a7a3b" dot={false} isAnimationActive={false} strokeWidth={2.5} />
              </LineChart>
            </ResponsiveContainer>
          </figure>
        )}
      </div>
      <details className="epoch-log" onToggle={(e) => setLogOpen(e.currentTarget.open)}>
        <summary>Numbers behind the curves</summary>
        {logOpen && (
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
        )}
      </details>
    </section>
  );
}
