import { describeQuestions } from '../../core/problem';
import { configOf, PROBLEM_FIELDS } from '../../store/configSlice';
import { useCarryStore } from '../../store/store';
import { grouped, modelName, percent } from '../format';

/** The three models side by side on the same held-out sums. */
export function Compare() {
  const comparison = useCarryStore((s) => s.comparison);
  const runCompare = useCarryStore((s) => s.runCompare);
  const { config, errors } = useCarryStore((s) => configOf(s.draft));
  const problemInvalid = PROBLEM_FIELDS.some((k) => errors[k]);
  const problem = problemInvalid ? 'fix the settings first' : describeQuestions(config);
  return (
    <section className="panel compare" aria-label="Compare models">
      <h2>Compare the acts</h2>
      <p className="muted">Score every model trained on this problem ({problem}) on the same fresh held-out sums. Seq2seq answers are read back as numbers for RMSE.</p>
      <button type="button" onClick={runCompare} disabled={problemInvalid}>Compare trained models</button>
      {comparison && (
        <>
          <p className="muted">Scored on {grouped(comparison.heldOut)} fresh expressions of {describeQuestions(comparison.problem)}.</p>
          {comparison.error && <p className="field__error">{comparison.error}</p>}
          {comparison.rows.length > 0 ? (
            <table aria-label="Comparison">
              <caption className="sr-only">Models compared on {comparison.heldOut} held-out sums</caption>
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Parameters</th><th scope="col">Trained on</th><th scope="col">Exact-match</th><th scope="col">RMSE</th><th scope="col">Per-symbol</th></tr>
              </thead>
              <tbody>
                {comparison.rows.map((r) => (
                  <tr key={r.model}>
                    <th scope="row">{modelName(r.model)}</th>
                    <td>{grouped(r.parameters)}</td>
                    <td>{grouped(r.examples)} examples</td>
                    <td>{percent(r.exactMatch)}</td>
                    <td>{r.rmse.toFixed(3)}</td>
                    <td>{r.perSymbolAccuracy === null ? '–' : percent(r.perSymbolAccuracy)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No model has been trained on this problem yet.</p>
          )}
          {comparison.skipped.length > 0 && (
            <p className="muted">Not compared: {comparison.skipped.map((s) => `${modelName(s.model)} (${s.reason})`).join('; ')}.</p>
          )}
        </>
      )}
    </section>
  );
}
