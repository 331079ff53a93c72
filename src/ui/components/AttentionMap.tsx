import { useId } from 'react';
import { argmax } from '../../core/encoding';
import { heat, percent } from '../format';

const PURPLE = [94, 53, 177] as const;
const symbolLabel = (c: string) => (c === ' ' ? '␣' : c);

/**
 * An attention decoder's weights for one sum as a heat map: one row per
 * answer symbol (the right way round), one column per input symbol (in
 * reading order), each cell the share of that row's attention (rows sum to 1).
 * A table, so screen readers can walk it, with a caption and a one-line
 * summary of where each answer symbol looks most.
 */
export function AttentionMap({ weights, input, answer }: { weights: number[][]; input: string; answer: string }) {
  const id = useId();
  const inputs = [...input];
  const answers = [...answer];
  const focus = weights.map((row, t) => {
    const i = argmax(row);
    return `${symbolLabel(answers[t] ?? '?')} ← ${symbolLabel(inputs[i] ?? '?')} (input ${i + 1}, ${percent(row[i])})`;
  });
  return (
    <figure className="attention">
      <table className="grid" aria-describedby={`${id}-summary`}>
        <caption>Attention: where each answer symbol looks in the input (each row sums to 100 %)</caption>
        <thead>
          <tr>
            <th scope="col">answer ↓ input →</th>
            {inputs.map((c, i) => <th key={i} scope="col" title={`input symbol ${i + 1}`}>{symbolLabel(c)}</th>)}
          </tr>
        </thead>
        <tbody>
          {weights.map((row, t) => (
            <tr key={t}>
              <th scope="row">{t + 1} · {symbolLabel(answers[t] ?? '?')}</th>
              {row.map((v, i) => (
                <td key={i} style={heat(v, PURPLE)} title={percent(v)}>
                  {v >= 0.995 ? '1' : v < 0.005 ? '' : v.toFixed(2).replace(/^0/, '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption id={`${id}-summary`} className="muted">Where each answer symbol looks most: {focus.join('; ')}.</figcaption>
    </figure>
  );
}
