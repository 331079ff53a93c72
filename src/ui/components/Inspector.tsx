import { useMemo } from 'react';
import type { ConfigErrors } from '../../core/config';
import { ALPHABET, integerEncode, modelInputString, oneHotEncode } from '../../core/encoding';
import { mappingScale } from '../../core/mapping';
import { parseSum } from '../../core/parse';
import { randomSumPairs } from '../../core/problems';
import { createRng } from '../../core/random';
import { configOf } from '../../store/configSlice';
import { useCarryStore, useRun } from '../../store/store';

const SYMBOL_LABELS = [...ALPHABET].map((c) => (c === ' ' ? '␣' : c));

/** A string with its padding drawn as visible cells. */
function Cells({ text, label }: { text: string; label: string }) {
  return (
    <span className="cells" aria-label={`${label}: "${text}"`}>
      {[...text].map((c, i) => (
        <span key={i} className={c === ' ' ? 'cell cell--pad' : 'cell'}>{c === ' ' ? '␣' : c}</span>
      ))}
    </span>
  );
}

/** Rows = positions, 12 columns; each cell shaded by its value (0–1). */
function Grid({ rows, rowLabels, label }: { rows: number[][]; rowLabels: string[]; label: string }) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr><th scope="col">pos</th>{SYMBOL_LABELS.map((s, i) => <th key={i} scope="col">{s}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, t) => {
          const best = row.indexOf(Math.max(...row));
          return (
            <tr key={t}>
              <th scope="row">{rowLabels[t]}</th>
              {row.map((v, k) => (
                <td key={k} className={k === best && v > 0 ? 'grid__best' : undefined} style={{ background: `rgba(31, 78, 140, ${v.toFixed(3)})`, color: v > 0.5 ? '#fff' : undefined }} title={v.toFixed(3)}>
                  {v >= 0.995 ? '1' : v < 0.005 ? '' : v.toFixed(2).replace(/^0/, '')}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Stage 1, the same in every act: the terms and their sum. */
function SumPairsStage({ terms, sum }: { terms: number[]; sum: number }) {
  return (
    <li>
      <h3>1 · random_sum_pairs</h3>
      <p><code>[[{terms.join(', ')}]] → [{sum}]</code></p>
    </li>
  );
}

/**
 * The lesson's pipeline for one example — the typed sum, or a random one —
 * every stage as it is computed, following the config live.
 */
export function Inspector() {
  const sumText = useCarryStore((s) => s.sumText);
  const answer = useCarryStore((s) => s.answer);
  const setSumText = useCarryStore((s) => s.setSumText);
  const trained = useRun('trainedConfig');
  // With a trained model, every stage is drawn as that model reads it; before, it follows the form live.
  const fromForm = useCarryStore((s) => configOf(s.draft));
  const { config, errors } = trained ? { config: trained, errors: {} as ConfigErrors } : fromForm;
  const problemOk = !errors.nNumbers && !errors.largest;
  const parsed = useMemo(() => (problemOk ? parseSum(sumText, config) : undefined), [problemOk, sumText, config]);

  const randomExample = () => {
    const pairs = randomSumPairs(createRng(Date.now()), 1, config);
    setSumText(pairs.terms[0].join('+'));
  };

  if (!problemOk) return null;
  const seq2seq = config.model === 'seq2seq';
  const ok = parsed?.ok ? parsed : undefined;
  const seen = ok ? modelInputString(ok.input, config.reverseInput) : '';
  const inCodes = ok ? integerEncode(seen) : [];
  const outCodes = ok ? integerEncode(ok.expected) : [];
  const modelAnswer = answer && ok && answer.model === config.model ? answer : undefined;

  return (
    <section className="panel inspector" aria-label="Pipeline inspector">
      <div className="charts__head">
        <h2>Inside the pipeline {trained && <span className="muted">· as the trained model reads it</span>}</h2>
        <button type="button" onClick={randomExample}>Random example</button>
      </div>
      {!ok ? (
        <p className="muted">Type a sum in “Your sum” (or pick a random example) to see every stage.</p>
      ) : seq2seq ? (
        <ol className="stages">
          <SumPairsStage terms={ok.terms} sum={ok.sum} />
          <li>
            <h3>2 · to_string: left-pad to fixed widths</h3>
            <p>input <Cells text={ok.input} label="padded input" /> ({ok.input.length} symbols) · answer <Cells text={ok.expected} label="padded answer" /> ({ok.expected.length})</p>
            {config.reverseInput && <p>reversed for the model: <Cells text={seen} label="reversed input" /></p>}
          </li>
          <li>
            <h3>3 · integer_encode over <code>0…9 + ␣</code></h3>
            <p><code aria-label="input codes">[{inCodes.join(', ')}]</code> · <code aria-label="answer codes">[{outCodes.join(', ')}]</code></p>
          </li>
          <li>
            <h3>4 · one_hot_encode: one row per position, 12 columns</h3>
            <Grid rows={oneHotEncode(inCodes)} rowLabels={[...seen].map((_, t) => String(t + 1))} label="One-hot input" />
          </li>
          <li>
            <h3>5 · the model’s output: a probability per symbol, per answer position</h3>
            {modelAnswer ? (
              <>
                <Grid rows={modelAnswer.probabilities} rowLabels={modelAnswer.probabilities.map((_, t) => String(t + 1))} label="Output probabilities" />
                <p>argmax <code aria-label="argmax codes">[{modelAnswer.probabilities.map((p) => p.indexOf(Math.max(...p))).join(', ')}]</code> → invert → <Cells text={modelAnswer.answer} label="decoded answer" /></p>
              </>
            ) : (
              <p className="muted">Train this model to see its output for this sum.</p>
            )}
          </li>
        </ol>
      ) : (
        <ol className="stages">
          <SumPairsStage terms={ok.terms} sum={ok.sum} />
          <li>
            <h3>2 · normalise: divide by largest × n_numbers = {mappingScale(config)}</h3>
            <p><code aria-label="normalised input">[{ok.terms.map((t) => (t / mappingScale(config)).toFixed(4)).join(', ')}]</code> → target <code>{(ok.sum / mappingScale(config)).toFixed(4)}</code></p>
          </li>
          <li>
            <h3>3 · the model outputs one number; invert: × {mappingScale(config)}, round</h3>
            {modelAnswer ? (
              <p><code>{(modelAnswer.value / mappingScale(config)).toFixed(4)} × {mappingScale(config)} = {modelAnswer.value.toFixed(3)} → {modelAnswer.answer}</code></p>
            ) : (
              <p className="muted">Train this model to see its output for this sum.</p>
            )}
          </li>
        </ol>
      )}
    </section>
  );
}
