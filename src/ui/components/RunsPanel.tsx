import { useCarryStore } from '../../store/store';
import { grouped, percent } from '../format';

const REASONS = { completed: 'finished', stopped: 'stopped', target: 'reached its target', time: 'time limit', diverged: 'diverged' } as const;

/** Every run that ended on this page: tick to overlay its curve, or put its settings back. */
export function RunsPanel() {
  const history = useCarryStore((s) => s.history);
  const { toggleHistoryRun, reloadHistoryRun } = useCarryStore.getState();
  if (history.length === 0) return null;
  return (
    <section className="panel runs" aria-label="Runs">
      <h2>Runs <span className="muted">· this page’s finished and stopped runs; tick to draw a curve over the charts</span></h2>
      <table className="runs__list">
        <thead>
          <tr><th scope="col">Show</th><th scope="col">Run</th><th scope="col">Examples</th><th scope="col">Time</th><th scope="col">Best exact-match</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {[...history].reverse().map((h) => (
            <tr key={h.id}>
              <td><input type="checkbox" checked={h.shown} onChange={() => toggleHistoryRun(h.id)} aria-label={`Show run ${h.id} on the charts`} /></td>
              <td>run {h.id}: {h.label} <span className="muted">({REASONS[h.reason]})</span></td>
              <td>{grouped(h.examples)}</td>
              <td>{h.seconds.toFixed(1)} s</td>
              <td>{percent(h.bestExact)}</td>
              <td><button type="button" onClick={() => reloadHistoryRun(h.id)} aria-label={`Use settings of run ${h.id}`}>Use settings</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
