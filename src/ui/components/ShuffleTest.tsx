import { KINDS } from '../../core/kinds';
import { useCarryStore, useRun } from '../../store/store';
import { isRunning } from '../../store/trainingSlice';
import { percent, showPadding } from '../format';

/** One click on a trained model: shuffle each held-out input and ask again. */
export function ShuffleTest() {
  const act = useCarryStore((s) => s.draft.model);
  const report = useCarryStore((s) => s.shuffleReports[s.draft.model]);
  const error = useCarryStore((s) => s.shuffleErrors[s.draft.model]);
  const trained = useRun('trainedConfig');
  const status = useRun('status');
  const runShuffleTest = useCarryStore((s) => s.runShuffleTest);
  const ready = trained !== undefined && status !== 'starting' && status !== 'error';
  const what = KINDS[act].readsCharacters ? 'characters of each input string' : 'numbers of each sum';

  return (
    <section className="panel shuffle" aria-label="Shuffle test">
      <h2>Shuffle test</h2>
      <p className="muted">Shuffle the {what} in the held-out set and ask the model again. A sum does not depend on the order of its numbers; a string does.</p>
      <button type="button" disabled={!ready} onClick={runShuffleTest}>Shuffle the inputs</button>
      {!trained && <span className="muted"> Train this model first.</span>}
      {isRunning(status) && ready && <span className="muted"> (the model is still training: results are a snapshot)</span>}
      {error && <p className="field__error">{error}</p>}
      {report && (
        <div aria-label="Shuffle result">
          <p className="shuffle__verdict">
            Exact-match {percent(report.original.exactMatch)} → <strong>{percent(report.shuffled.exactMatch)}</strong> ·
            RMSE {report.original.rmse.toFixed(2)} → <strong>{report.shuffled.rmse.toFixed(2)}</strong> ·
            {' '}{percent(report.changed)} of answers changed.
          </p>
          <p>
            {report.shuffled.exactMatch >= report.original.exactMatch - 0.05
              ? 'The model barely cares about the order: it maps numbers to a number. Addition this way is not a sequence problem.'
              : 'The answers fall apart: this model reads a sequence, and order carries the meaning.'}
          </p>
          <table>
            <thead>
              <tr><th scope="col">Input</th><th scope="col">Shuffled</th><th scope="col">Expected</th><th scope="col">Before</th><th scope="col">After</th></tr>
            </thead>
            <tbody>
              {report.rows.map((r, i) => (
                <tr key={i}>
                  <td><code>{showPadding(r.input)}</code></td>
                  <td><code>{showPadding(r.shuffledInput)}</code></td>
                  <td><code>{showPadding(r.expected)}</code></td>
                  <td><code>{showPadding(r.before)}</code></td>
                  <td className={r.after === r.expected ? 'ok' : 'bad'}><code>{showPadding(r.after)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
