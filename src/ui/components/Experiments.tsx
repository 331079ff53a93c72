import { useDeferredValue } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from 'recharts';
import { EXAMPLE_TICKS, lastOf, PERCENT_Y, xAxisFromZero } from '../charts/axes';
import { FIELD_LABELS, type Config } from '../../core/config';
import { answerSentence, ARM_SECONDS, armSecondsError, EXPERIMENTS, experimentById, type ArmResult } from '../../core/experiments';
import { configOf } from '../../store/configSlice';
import { useCarryStore } from '../../store/store';
import { busyModel, experimentRunning } from '../../store/trainingSlice';
import { grouped, modelName, percent } from '../format';

/** One colour per arm, distinguishable on a projector and in grey scale by dash. */
const COLOURS = ['#1f4e8c', '#b3261e', '#2a7a3b', '#d08a1f', '#6b3fa0', '#2b8a9a'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3', '4 4', '1 3'];

/** Act 3: the lesson's extensions as experiments, arms trained one after the other and overlaid by examples seen. */
export function Experiments() {
  const experimentId = useCarryStore((s) => s.experimentId);
  const arms = useDeferredValue(useCarryStore((s) => s.arms));
  const status = useCarryStore((s) => s.experimentStatus);
  const currentArm = useCarryStore((s) => s.currentArm);
  const message = useCarryStore((s) => s.experimentMessage);
  const armSeconds = useCarryStore((s) => s.armSeconds);
  const busy = useCarryStore((s) => busyModel(s));
  const invalid = useCarryStore((s) => Object.keys(configOf(s.draft).errors).length > 0);
  const { chooseExperiment, addCurrentArm, removeArm, runExperiment, stopExperiment, setArmSeconds } = useCarryStore.getState();
  const running = useCarryStore((s) => experimentRunning(s));
  const experiment = experimentId ? experimentById(experimentId) : undefined;
  const results = arms.map((a) => a.result).filter((r): r is ArmResult => r !== undefined);
  const secondsError = armSecondsError(armSeconds);

  return (
    <section className="panel experiments" aria-label="Experiments">
      <h2>Act 3 · Experiments: what else can it learn, and what makes it easier?</h2>
      <p className="muted">
        Pick a question. Each arm starts from your current settings (problem, model, training, seed) and changes one thing; the arms
        train one after the other until 99 % exact-match on held-out expressions, or until their time is up.
      </p>
      <ul className="experiments__list" aria-label="Questions">
        {EXPERIMENTS.map((e) => (
          <li key={e.id}>
            <button type="button" aria-pressed={experimentId === e.id} disabled={running} onClick={() => chooseExperiment(e.id)}>
              {e.question}
              {e.hard && <span className="tag">hard</span>}
            </button>
          </li>
        ))}
      </ul>
      {experiment && <p className="experiments__why">{experiment.why}</p>}
      {arms.length > 0 && (
        <table className="experiments__arms" aria-label="Arms">
          <thead>
            <tr><th scope="col">Arm</th><th scope="col">Differs in</th><th scope="col">To 90 %</th><th scope="col">To 99 %</th><th scope="col">Best</th><th scope="col">Seconds</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
          </thead>
          <tbody>
            {arms.map((a, i) => (
              <tr key={i} className={currentArm === i && running ? 'experiments__current' : undefined}>
                <th scope="row"><span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} /> {a.label}</th>
                <td>{difference(a.config, arms[0]?.config)}</td>
                <td>{a.result ? examples(a.result.examplesTo90) : currentArm === i && running ? 'training…' : '–'}</td>
                <td>{a.result ? examples(a.result.examplesTo99) : '–'}</td>
                <td>{a.result ? percent(a.result.best) : a.points.length ? percent(Math.max(...a.points.map((p) => p.exactMatch))) : '–'}</td>
                <td>{a.result ? a.result.seconds.toFixed(1) : a.points.length ? a.points[a.points.length - 1].seconds.toFixed(1) : '–'}</td>
                <td><button type="button" className="link" disabled={running} onClick={() => removeArm(i)} aria-label={`Remove ${a.label}`}>✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="buttons">
        <button type="button" className="primary" disabled={running || arms.length === 0 || busy !== undefined || secondsError !== undefined} onClick={runExperiment}>
          Run experiment
        </button>
        <button type="button" disabled={status !== 'running'} onClick={stopExperiment}>Stop</button>
        <button type="button" disabled={running || invalid} onClick={addCurrentArm}>Add current settings as an arm</button>
        <label className="inline">
          seconds per arm{' '}
          <input
            type="number"
            min={ARM_SECONDS.min}
            max={ARM_SECONDS.max}
            value={Number.isFinite(armSeconds) ? armSeconds : ''}
            disabled={running}
            aria-invalid={secondsError !== undefined}
            aria-describedby={secondsError ? 'arm-seconds-error' : undefined}
            onChange={(e) => setArmSeconds(e.target.value === '' ? Number.NaN : Number(e.target.value))}
          />
        </label>
        {secondsError && <small id="arm-seconds-error" className="field__error" role="alert">{secondsError}</small>}
      </div>
      {busy !== undefined && !running && <p className="note">{modelName(busy)} is training: stop it or let it finish, then run the experiment.</p>}
      <p role="status" aria-label="Experiment status" className="status">
        {status === 'idle' && (arms.length ? 'Ready: press Run experiment' : 'Pick a question')}
        {status === 'running' && `Training arm ${(currentArm ?? 0) + 1} of ${arms.length}: ${arms[currentArm ?? 0]?.label ?? ''}`}
        {status === 'stopping' && 'Stopping…'}
        {status === 'done' && `Done: ${results.length} of ${arms.length} arms ran`}
        {status === 'error' && `Error: ${message ?? 'the experiment failed'}`}
      </p>
      {arms.some((a) => a.points.length > 0) && (
        <figure aria-label="Experiment chart">
          <figcaption>Exact-match on held-out expressions (%), by examples seen</figcaption>
          <ResponsiveContainer width="100%" height={280}>
            <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              {xAxisFromZero({ dataKey: 'examples', max: lastOf('examples', ...arms.map((a) => a.points)), format: EXAMPLE_TICKS, label: 'examples seen' })}
              <YAxis width={44} {...PERCENT_Y} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)} %` : String(v))} labelFormatter={(v) => `${grouped(Number(v))} examples`} />
              {/* Arms in the order they ran, not alphabetical. */}
              <Legend verticalAlign="top" height={24} itemSorter={(item) => arms.findIndex((a) => a.label === item.value)} />
              {arms.map((a, i) => (
                <Line
                  key={i}
                  data={a.points.map((p) => ({ examples: p.examples, exact: p.exactMatch * 100 }))}
                  dataKey="exact"
                  name={a.label}
                  stroke={COLOURS[i % COLOURS.length]}
                  strokeDasharray={DASHES[i % DASHES.length]}
                  dot={false}
                  isAnimationActive={false}
                  strokeWidth={2.5}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      {results.length > 0 && (
        <p className="experiments__answer" aria-label="Answer">{answerSentence(results)}</p>
      )}
    </section>
  );
}

const examples = (n: number | null) => (n === null ? 'not reached' : grouped(n));

/** The settings in which an arm differs from the first one, in the lesson's words. */
function difference(config: Config, first: Config | undefined): string {
  if (!first || config === first) return 'the first arm';
  const changed = (Object.keys(config) as (keyof Config)[]).filter((k) => config[k] !== first[k]);
  const value = (v: unknown) => (v === true ? 'on' : v === false ? 'off' : String(v));
  return changed.length ? changed.map((k) => `${FIELD_LABELS[k]} ${value(config[k])}`).join(', ') : 'same settings';
}
