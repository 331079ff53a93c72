import { useMemo } from 'react';
import type { ConfigErrors } from '../../core/config';
import { argmax, decodeVectors, oneHotEncode } from '../../core/encoding';
import { formatExpression, type Expression } from '../../core/expression';
import { writesSymbols } from '../../core/kinds';
import { mappingScale } from '../../core/mapping';
import { problemSpec } from '../../core/problem';
import { createRng } from '../../core/random';
import { configOf, PROBLEM_FIELDS } from '../../store/configSlice';
import { useCarryStore, useRun } from '../../store/store';
import { heat } from '../format';
import { AttentionMap } from './AttentionMap';

const BLUE = [31, 78, 140] as const;
const RED = [178, 34, 34] as const;

const symbolLabel = (c: string) => (c === ' ' ? '␣' : c);

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

/** Rows = positions, one column per symbol of the alphabet; each cell shaded by its value (0–1). */
function Grid({ rows, rowLabels, label, alphabet }: { rows: number[][]; rowLabels: string[]; label: string; alphabet: string }) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr><th scope="col">pos</th>{[...alphabet].map((s, i) => <th key={i} scope="col">{symbolLabel(s)}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, t) => {
          const best = argmax(row);
          return (
            <tr key={t}>
              <th scope="row">{rowLabels[t]}</th>
              {row.map((v, k) => (
                <td key={k} className={k === best && v > 0 ? 'grid__best' : undefined} style={heat(v, BLUE)} title={v.toFixed(3)}>
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

/** Learned vectors, one row per input position, shaded by sign and size. */
function Vectors({ rows, labels }: { rows: number[][]; labels: string[] }) {
  const scale = Math.max(1e-6, ...rows.flat().map(Math.abs));
  return (
    <table className="grid" aria-label="Embedding vectors">
      <thead>
        <tr><th scope="col">pos</th>{rows[0]?.map((_, j) => <th key={j} scope="col">{j + 1}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((row, t) => (
          <tr key={t}>
            <th scope="row">{labels[t]}</th>
            {row.map((v, j) => (
              <td key={j} title={v.toFixed(4)} style={v >= 0 ? heat(v / scale, BLUE) : heat(-v / scale, RED)}>
                {v.toFixed(1)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Stage 1, the same in every act: the expression and its exact value. */
function GenerateStage({ expression, addsOnly }: { expression: Expression; addsOnly: boolean }) {
  return (
    <li>
      <h3>1 · {addsOnly ? 'random_sum_pairs' : 'generate an expression and evaluate it'}</h3>
      <p>
        {addsOnly ? <code>[[{expression.terms.join(', ')}]] → [{expression.value}]</code> : <code>{formatExpression(expression)} = {expression.value}</code>}
      </p>
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
  const problemOk = PROBLEM_FIELDS.every((k) => !errors[k]) && !errors.padding;
  const spec = problemOk ? problemSpec(config) : undefined;
  const parsed = useMemo(() => spec?.parse(sumText), [spec, sumText]);

  const randomExample = () => {
    if (spec) setSumText(formatExpression(spec.generate(createRng(Date.now()), 1)[0]));
  };

  if (!spec) return null;
  const symbols = writesSymbols(config.model);
  const ok = parsed?.ok ? parsed : undefined;
  const seen = ok ? spec.toModelInput(ok.input) : '';
  const written = ok ? spec.toModelAnswer(ok.expected) : '';
  const inCodes = ok ? spec.encode(seen) : [];
  const outCodes = ok ? spec.encode(written) : [];
  const size = spec.alphabet.length;
  const modelAnswer = answer && ok && answer.model === config.model ? answer : undefined;
  const addsOnly = config.operators === '+';

  return (
    <section className="panel inspector" aria-label="Pipeline inspector">
      <div className="charts__head">
        <h2>Inside the pipeline {trained && <span className="muted">· as the trained model reads it</span>}</h2>
        <button type="button" onClick={randomExample}>Random example</button>
      </div>
      {!ok ? (
        <p className="muted">Type a sum in “Your sum” (or pick a random example) to see every stage.</p>
      ) : symbols ? (
        <ol className="stages">
          <GenerateStage expression={ok.expression} addsOnly={addsOnly} />
          <li>
            <h3>2 · to_string: left-pad {config.padding === 'term' ? 'each term, then the whole string,' : ''} to fixed widths</h3>
            <p>input <Cells text={ok.input} label="padded input" /> ({ok.input.length} symbols) · answer <Cells text={ok.expected} label="padded answer" /> ({ok.expected.length})</p>
            {config.reverseInput && <p>reversed for the model: <Cells text={seen} label="reversed input" /></p>}
            {config.reverseOutput && <p>the answer as the model writes it, units first: <Cells text={written} label="reversed answer" /></p>}
          </li>
          <li>
            <h3>3 · integer_encode over <code>{[...spec.alphabet].map(symbolLabel).join(' ')}</code> ({size} symbols)</h3>
            <p><code aria-label="input codes">[{inCodes.join(', ')}]</code> · <code aria-label="answer codes">[{outCodes.join(', ')}]</code></p>
          </li>
          <li>
            <h3>4 · one_hot_encode: one row per position, {size} columns</h3>
            <Grid rows={oneHotEncode(inCodes, size)} alphabet={spec.alphabet} rowLabels={[...seen].map((_, t) => String(t + 1))} label="One-hot input" />
            {config.encoding === 'integer' && (
              <p>
                integer encoding: the encoder reads each code as one number, code ÷ {size - 1}:{' '}
                <code aria-label="integer input">[{inCodes.map((c) => (c / (size - 1)).toFixed(3)).join(', ')}]</code>
              </p>
            )}
            {config.encoding === 'embedding' && (
              <>
                <p>
                  learned embedding: each code picks its row of a {size} × {config.embeddingSize} table the model trains, so the
                  encoder reads {config.embeddingSize} numbers per symbol
                </p>
                {modelAnswer?.inputVectors ? (
                  <Vectors rows={modelAnswer.inputVectors} labels={[...seen].map((c, t) => `${t + 1} ${symbolLabel(c)}`)} />
                ) : (
                  <p className="muted">Train this model to see the vectors it learned.</p>
                )}
              </>
            )}
          </li>
          {config.decoder === 'attention' && (
            <li>
              <h3>attention: at each answer position the decoder weighs every encoder output, one per input symbol</h3>
              {modelAnswer?.attention ? (
                <AttentionMap weights={modelAnswer.attention} input={ok.input} answer={modelAnswer.answer} />
              ) : (
                <p className="muted">Train this model to see where it attends for this sum.</p>
              )}
            </li>
          )}
          <li>
            <h3>5 · the model’s output: a probability per symbol, per answer position</h3>
            {modelAnswer ? (
              <>
                <Grid rows={modelAnswer.probabilities} alphabet={spec.alphabet} rowLabels={modelAnswer.probabilities.map((_, t) => String(t + 1))} label="Output probabilities" />
                <p>argmax <code aria-label="argmax codes">[{modelAnswer.probabilities.map(argmax).join(', ')}]</code> → invert → <Cells text={decodeVectors(modelAnswer.probabilities, spec.alphabet)} label="decoded answer" /></p>
              </>
            ) : (
              <p className="muted">Train this model to see its output for this sum.</p>
            )}
          </li>
        </ol>
      ) : (
        <ol className="stages">
          <GenerateStage expression={ok.expression} addsOnly={addsOnly} />
          <li>
            <h3>2 · normalise: divide by largest × n_numbers = {mappingScale(config)}</h3>
            <p><code aria-label="normalised input">[{ok.expression.terms.map((t) => (t / mappingScale(config)).toFixed(4)).join(', ')}]</code> → target <code>{(ok.expression.value / mappingScale(config)).toFixed(4)}</code></p>
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
