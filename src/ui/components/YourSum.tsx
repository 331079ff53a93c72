import { argmax } from '../../core/encoding';
import { MAX_TYPED_LENGTH, problemSpec } from '../../core/problem';
import { configOf, PROBLEM_FIELDS } from '../../store/configSlice';
import { useCarryStore, useRun } from '../../store/store';
import { percent, showPadding } from '../format';
import { AttentionMap } from './AttentionMap';

/** Type a sum, read the model's answer and how sure it is of each symbol. */
export function YourSum() {
  const sumText = useCarryStore((s) => s.sumText);
  const sumError = useCarryStore((s) => s.sumError);
  const answer = useCarryStore((s) => (s.answer?.model === s.draft.model ? s.answer : undefined));
  const trained = useRun('trainedConfig');
  const source = useRun('source');
  const loadingShipped = useCarryStore((s) => Object.values(s.pretrained).includes('loading'));
  const setSumText = useCarryStore((s) => s.setSumText);
  const alphabet = trained ? problemSpec(trained).alphabet : '';
  const example = useCarryStore((s) => {
    const { config, errors } = configOf(s.draft);
    return PROBLEM_FIELDS.some((k) => errors[k]) ? '50+11' : problemSpec(config).example;
  });

  return (
    <section className="panel your-sum" aria-label="Ask the model">
      <h2>Ask the model</h2>
      <div className={`field${sumError ? ' field--invalid' : ''}`}>
        <label htmlFor="your-sum">Your sum</label>
        <input
          id="your-sum"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={sumText}
          maxLength={MAX_TYPED_LENGTH}
          aria-invalid={Boolean(sumError)}
          aria-describedby={sumError ? 'your-sum-error' : undefined}
          onChange={(e) => setSumText(e.target.value)}
          placeholder="50+11"
        />
        {sumError && <small id="your-sum-error" className="field__error" role="alert">{sumError}</small>}
      </div>
      {!trained && !loadingShipped && <p className="muted">Train a model, then type a sum such as {example}.</p>}
      {!trained && loadingShipped && <p className="muted">No model yet: loading the pre-trained one…</p>}
      {source?.pretrained && (
        <p className="note pretrained-note">
          <strong>Pre-trained</strong>: this model came with Carry. Press Train to watch one learn from scratch.
        </p>
      )}
      {source && !source.pretrained && <p className="muted">Loaded model “{source.name}”.</p>}
      <div className="answer">
        <span>Model answer:</span>
        <output aria-label="Model answer" htmlFor="your-sum" className="answer__value">{answer ? answer.answer.trim() || '(blank)' : '–'}</output>
        {answer && (
          <span className={answer.answer === answer.expected ? 'ok' : 'bad'}>
            {answer.answer === answer.expected ? '✓ right' : `✗ the answer is ${answer.expected.trim()}`}
          </span>
        )}
      </div>
      {answer?.outsideRange && <p className="note">A number is outside the training range (1 to {trained?.largest}): the model never saw it.</p>}
      {answer && answer.probabilities.length === 0 && (
        <p className="muted">The model read <code>{answer.input}</code> as {answer.input.split('+').length} numbers and output {answer.value.toFixed(3)}, rounded to {answer.answer}.</p>
      )}
      {answer && answer.probabilities.length > 0 && (
        <div className="bars" aria-label="Probability of each answer position">
          <p className="muted">Model input <code>{showPadding(answer.input)}</code>; one bar per answer position:</p>
          {answer.probabilities.map((p, t) => {
            const best = argmax(p);
            return (
              <div className="bar" key={t}>
                <span className="bar__symbol"><code>{showPadding(alphabet[best] ?? '?')}</code></span>
                <span className="bar__track"><span className="bar__fill" style={{ width: `${p[best] * 100}%` }} /></span>
                <span className="bar__value">{percent(p[best])}</span>
              </div>
            );
          })}
        </div>
      )}
      {answer?.attention && <AttentionMap weights={answer.attention} input={answer.input} answer={answer.answer} />}
    </section>
  );
}
