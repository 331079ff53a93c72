import { useDeferredValue, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { EPOCH_TICKS, lastOf, PERCENT_Y, xAxisFromZero } from '../charts/axes';
import { writesSymbols } from '../../core/kinds';
import { useCarryStore, useRun } from '../../store/store';
import type { GroupScore } from '../../store/types';
import { grouped, heat, percent } from '../format';
import { LongerNumbers } from './LongerNumbers';

const COLOURS = ['#2a7a3b', '#1f4e8c', '#d08a1f', '#b3261e', '#7b5ea7', '#00838f', '#6d4c41'];

/** One chart line per group key (e.g. per carry count), exact-match in per cent by epoch. */
function seriesByKey(rows: { epoch: number; groups: { key: string; value: number }[] }[]) {
  const keys = [...new Set(rows.flatMap((r) => r.groups.map((g) => g.key)))];
  const data = rows.map((r) => ({ epoch: r.epoch, ...Object.fromEntries(r.groups.map((g) => [g.key, g.value * 100])) }));
  return { keys, data };
}

function OverEpochs({ label, rows }: { label: string; rows: { epoch: number; groups: { key: string; value: number }[] }[] }) {
  const { keys, data } = useMemo(() => seriesByKey(rows), [rows]);
  return (
    <figure aria-label={label}>
      <figcaption>{label} (%, by epoch) <span className="muted">· the table beside it has the figures</span></figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          {xAxisFromZero({ dataKey: 'epoch', max: lastOf('epoch', data), format: EPOCH_TICKS, label: 'epoch', minStep: 1 })}
          <YAxis width={40} {...PERCENT_Y} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : String(v))} />
          <Legend verticalAlign="top" height={24} />
          {keys.map((k, i) => (
            <Line key={k} dataKey={k} name={k} stroke={COLOURS[i % COLOURS.length]} dot={false} isAnimationActive={false} strokeWidth={2} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

function GroupTable({ caption, what, groups }: { caption: string; what: string; groups: GroupScore[] }) {
  return (
    <table className="inside__table" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">{what}</th><th scope="col">sums</th><th scope="col">exact-match</th></tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key}><td>{g.key}</td><td>{grouped(g.count)}</td><td>{percent(g.right / g.count)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Where and why the model errs, folded until opened: its charts and tables are
 * only rendered (and re-rendered each epoch) while the learner looks at them.
 */
export function SeeInside() {
  const model = useCarryStore((s) => s.draft.model);
  const [open, setOpen] = useState(false);
  if (!writesSymbols(model)) return null;
  return (
    <details className="panel inside-fold" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary><h2>See inside <span className="muted">· accuracy by carries and by answer digit, digit confusion, the carry stress set, longer numbers</span></h2></summary>
      {open && <InsideViews />}
    </details>
  );
}

/** Accuracy by carries and by answer position, digit confusion, the carry stress set, longer numbers. */
function InsideViews() {
  const epochs = useDeferredValue(useRun('epochs'));
  const status = useRun('status');
  const stress = useCarryStore((s) => s.stressReports[s.draft.model]);
  const stressError = useCarryStore((s) => s.stressError);
  const runStressTest = useCarryStore((s) => s.runStressTest);
  const [position, setPosition] = useState(0);
  const analysed = useMemo(() => epochs.filter((e) => e.analysis), [epochs]);
  const last = analysed.at(-1)?.analysis;
  const carryRows = useMemo(
    () => analysed.map((e) => ({ epoch: e.epoch, groups: e.analysis!.byCarries.map((g) => ({ key: `${g.key} carr${g.key === 1 ? 'y' : 'ies'}`, value: g.right / g.count })) })),
    [analysed],
  );
  const positionRows = useMemo(
    () => analysed.map((e) => ({ epoch: e.epoch, groups: e.analysis!.byPosition.map((p) => ({ key: p.place, value: p.accuracy })) })),
    [analysed],
  );
  if (!last) {
    return (
      <section className="inside" aria-label="See inside">
        <p className="muted">Train a model: where it goes wrong (by carries, by answer digit, which digit for which) fills in after each epoch.</p>
      </section>
    );
  }
  const confusion = last.confusion[Math.min(position, last.confusion.length - 1)] ?? [];
  const most = Math.max(1, ...confusion.flat());
  const wrongDigits = confusion.flat().reduce((a, b) => a + b, 0);
  const idle = status !== 'training' && status !== 'paused' && status !== 'done';

  return (
    <section className="inside" aria-label="See inside">
      <p className="muted">On the held-out sums, epoch {analysed.at(-1)!.epoch}.</p>
      {last.byCarries.length > 0 ? (
        <div className="inside__row">
          <OverEpochs label="Exact-match by number of carries" rows={carryRows} />
          <div>
            <GroupTable caption="Accuracy by carries" what="carries" groups={last.byCarries} />
            <GroupTable caption="Accuracy by longest carry chain" what="longest chain" groups={last.byChain} />
          </div>
        </div>
      ) : (
        <p className="muted">Carries are counted for addition and for two-term subtraction (borrows).</p>
      )}
      <div className="inside__row">
        <OverEpochs label="Accuracy by answer position" rows={positionRows} />
        <table className="inside__table" aria-label="Accuracy by answer position">
          <caption>Accuracy by answer position</caption>
          <thead><tr><th scope="col">position</th><th scope="col">right</th></tr></thead>
          <tbody>
            {last.byPosition.map((p) => <tr key={p.place}><td>{p.place}</td><td>{percent(p.accuracy)}</td></tr>)}
          </tbody>
        </table>
      </div>
      <div className="inside__row">
        <div>
          <div className="field">
            <label htmlFor="confusion-position">Digit confusion at</label>
            <select id="confusion-position" value={position} onChange={(e) => setPosition(Number(e.target.value))}>
              {last.byPosition.map((p, i) => <option key={p.place} value={i}>{p.place}</option>)}
            </select>
          </div>
          <p className="muted">{wrongDigits === 0 ? 'No wrong digits here.' : `${grouped(wrongDigits)} wrong digits: rows are the right digit, columns the digit written.`}</p>
        </div>
        <table className="confusion" aria-label="Digit confusion">
          <caption className="sr-only">Wrong digits at the {last.byPosition[position]?.place}: the right digit (rows) against the digit written (columns), with counts</caption>
          <thead>
            <tr><th scope="col"><span className="sr-only">right digit</span></th>{confusion.map((_, d) => <th key={d} scope="col">{d}</th>)}</tr>
          </thead>
          <tbody>
            {confusion.map((row, want) => (
              <tr key={want}>
                <th scope="row">{want}</th>
                {row.map((n, got) => (
                  <td key={got} style={n ? heat(0.15 + (0.85 * n) / most, [179, 38, 30]) : undefined}>{n || ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {last.byCarries.length > 0 && (
        <div className="stress">
          <button type="button" onClick={runStressTest} disabled={idle}>Carry stress set</button>{' '}
          <span className="muted">sums chosen for long carry chains (99+1, 9+91, …)</span>
          {stressError && <p className="field__error" role="alert">{stressError}</p>}
          {stress && (
            <>
              <p role="status">Stress set: {percent(stress.exactMatch)} exact-match on {stress.rows.length} sums.</p>
              <table className="inside__table" aria-label="Carry stress set">
                <thead><tr><th scope="col">sum</th><th scope="col">longest chain</th><th scope="col">expected</th><th scope="col">predicted</th></tr></thead>
                <tbody>
                  {stress.rows.slice(0, 12).map((r) => (
                    <tr key={r.sum} className={r.correct ? undefined : 'row--wrong'}><td><code>{r.sum}</code></td><td>{r.chain}</td><td>{r.expected}</td><td>{r.predicted} {r.correct ? '✓' : '✗'}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      <LongerNumbers disabled={idle} />
    </section>
  );
}
