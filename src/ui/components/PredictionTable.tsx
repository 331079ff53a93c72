import { useRun } from '../../store/store';
import { showPadding } from '../format';

/** Twenty held-out sums with the model's answers, refreshed each epoch. */
export function PredictionTable() {
  const table = useRun('table');
  const epochs = useRun('epochs');
  const right = table.filter((r) => r.correct).length;
  return (
    <section className="panel predictions" aria-label="Predictions">
      <h2>Held-out sums {table.length > 0 && <span className="muted">· epoch {epochs[epochs.length - 1]?.epoch} · {right}/{table.length} right</span>}</h2>
      {table.length === 0 ? (
        <p className="muted">Press Train: after each epoch, the model answers these sums it never trained on.</p>
      ) : (
        <table>
          <caption className="sr-only">Held-out sums: input, expected and predicted answers</caption>
          <thead>
            <tr><th scope="col">Input</th><th scope="col">Expected</th><th scope="col">Predicted</th><th scope="col">Right?</th>{table[0].value !== undefined && <th scope="col">err</th>}</tr>
          </thead>
          <tbody>
            {table.map((r, i) => (
              <tr key={i} className={r.correct ? 'row--right' : 'row--wrong'}>
                <td><code>{showPadding(r.input)}</code></td>
                <td><code>{showPadding(r.expected)}</code></td>
                <td><code>{r.value === undefined ? showPadding(r.predicted) : `${r.value.toFixed(2)} → ${r.predicted}`}</code></td>
                <td>{r.correct ? '✓ right' : '✗ wrong'}</td>
                {r.value !== undefined && <td><code>{(r.value - Number(r.expected)).toFixed(2)}</code></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
