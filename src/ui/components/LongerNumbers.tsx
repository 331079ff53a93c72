import { cellRange, LONGER_PER_CELL, longerRefusal, summariseLonger, type LongerCell } from '../../core/longer';
import { useCarryStore, useRun } from '../../store/store';
import { grouped, heat, percent } from '../format';

const RANGE_WORDS = { in: 'in range', partly: 'partly in range', beyond: 'beyond largest' } as const;

const digitsWord = (d: number) => `${d} digit${d === 1 ? '' : 's'}`;

/** One cell: exact-match, how many sums, shaded by exact-match and outlined where training reached. */
function GridCell({ cell }: { cell: LongerCell }) {
  const share = cell.right / cell.count;
  const range = cellRange(cell);
  return (
    <td className={`longer__cell longer__cell--${range}`} style={heat(share, [42, 122, 59])}>
      {percent(share)}
      <br />
      <small>of {grouped(cell.count)}</small>
      <span className="sr-only">, {RANGE_WORDS[range]}</span>
    </td>
  );
}

/**
 * Longer numbers than it was trained on: the act's model scored on sums whose
 * first two terms have every pair of digit counts up to test largest, as a
 * grid of digits of `a` (rows) by digits of `b` (columns), with the cells
 * training reached outlined and a sentence that sums it up.
 */
export function LongerNumbers({ disabled }: { disabled: boolean }) {
  const trained = useRun('trainedConfig');
  const report = useCarryStore((s) => s.longerReports[s.draft.model]);
  const error = useCarryStore((s) => s.longerError);
  const runLongerTest = useCarryStore((s) => s.runLongerTest);
  if (!trained) return null;
  const refusal = longerRefusal(trained);
  const summaryId = 'longer-summary';
  return (
    <section className="longer" aria-labelledby="longer-title">
      <h3 id="longer-title">Longer numbers than it was trained on</h3>
      {refusal ? (
        <p className="muted">{refusal}</p>
      ) : (
        <>
          <p className="muted">
            Trained on terms up to largest ({trained.largest}); its input has room for terms up to test largest ({trained.testLargest}). Scored at the end of
            each run: {LONGER_PER_CELL} sums per cell, drawn evenly, so short terms count as much as long ones here
            {trained.nNumbers > 2 ? ' (terms after a and b have at most as many digits as the longer of the two)' : ''}.
          </p>
          <button type="button" onClick={runLongerTest} disabled={disabled}>Score on longer numbers</button>
        </>
      )}
      {error && <p className="field__error" role="alert">{error}</p>}
      {report && !refusal && (
        <>
          <p id={summaryId} role="status">{summariseLonger(report)}</p>
          <table className="longer__grid" aria-describedby={summaryId}>
            <caption>Exact-match by digits of a (rows) and of b (columns); outlined: terms within largest ({report.largest}), dashed: partly</caption>
            <thead>
              <tr>
                <th scope="col"><span className="sr-only">digits of a</span></th>
                {report.digits.map((b) => <th key={b} scope="col">b: {digitsWord(b)}</th>)}
              </tr>
            </thead>
            <tbody>
              {report.digits.map((a) => (
                <tr key={a}>
                  <th scope="row">a: {digitsWord(a)}</th>
                  {report.digits.map((b) => <GridCell key={b} cell={report.cells[(a - 1) * report.digits.length + (b - 1)]} />)}
                </tr>
              ))}
            </tbody>
          </table>
          <table className="inside__table" aria-label="One longer sum per length">
            <caption>One sum per length</caption>
            <thead><tr><th scope="col">sum</th><th scope="col">expected</th><th scope="col">predicted</th></tr></thead>
            <tbody>
              {report.examples.map((e) => (
                <tr key={e.sum} className={e.correct ? undefined : 'row--wrong'}><td><code>{e.sum}</code></td><td>{e.expected}</td><td>{e.predicted} {e.correct ? '✓' : '✗'}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Try what might help, then train and score again: reverse the input or the answer, or pad each term to its own width. Published work finds
            that models trained on short numbers fail on longer ones unless the positions of the digits are made explicit.
          </p>
        </>
      )}
    </section>
  );
}
