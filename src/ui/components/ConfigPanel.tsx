import { BACKENDS, CELLS, inputWidth, NUMERIC_FIELDS, outputWidth, PRESETS, type NumericField, type PresetName } from '../../core/config';
import { configParameters, secondsPerEpoch, stepBytes } from '../../core/estimate';
import { configOf } from '../../store/configSlice';
import { useCarryStore } from '../../store/store';
import { grouped } from '../format';
import { busyModel } from '../../store/trainingSlice';
import { Field } from './Field';

const CELL_NAMES: Record<(typeof CELLS)[number], string> = { lstm: 'LSTM', gru: 'GRU', simpleRnn: 'SimpleRNN' };
const HINTS: Partial<Record<NumericField, string>> = {
  nNumbers: 'how many numbers each sum adds',
  largest: 'each number is drawn from 1 to largest',
  examplesPerEpoch: 'fresh sums generated for every epoch',
  learningRate: 'Adam step size',
};

function NumberField({ name, disabled, error }: { name: NumericField; disabled: boolean; error: string | undefined }) {
  const value = useCarryStore((s) => s.draft[name]);
  const setField = useCarryStore((s) => s.setField);
  const spec = NUMERIC_FIELDS[name];
  return (
    <Field id={`field-${name}`} label={spec.label} hint={HINTS[name]} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          inputMode={spec.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={disabled}
          onChange={(e) => setField(name, e.target.value)}
        />
      )}
    </Field>
  );
}

/** The settings form: problem, model, training, with errors beside each field. */
export function ConfigPanel() {
  const draft = useCarryStore((s) => s.draft);
  const busy = useCarryStore((s) => busyModel(s));
  const setField = useCarryStore((s) => s.setField);
  const applyPreset = useCarryStore((s) => s.applyPreset);
  const running = busy !== undefined;
  const seq2seq = draft.model === 'seq2seq';
  const { config, errors } = useCarryStore((s) => configOf(s.draft));
  const problemOk = !errors.nNumbers && !errors.largest;

  return (
    <form className="panel config" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
      <h2>Settings</h2>
      {running && <p className="note">Settings apply to the next run: stop or wait, then press Train.</p>}
      <div className="field">
        <label htmlFor="preset">Preset</label>
        <select id="preset" value="" disabled={running} onChange={(e) => e.target.value && applyPreset(e.target.value as PresetName)}>
          <option value="">Choose a preset…</option>
          {Object.keys(PRESETS).map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Problem</legend>
        <NumberField name="nNumbers" disabled={running} error={errors.nNumbers} />
        <NumberField name="largest" disabled={running} error={errors.largest} />
        {problemOk && seq2seq && (
          <p className="derived">
            e.g. <code>{'·'.repeat(Math.max(0, inputWidth(config) - 3))}5+3</code> → input {inputWidth(config)} symbols, answer {outputWidth(config)}
          </p>
        )}
      </fieldset>
      {seq2seq ? (
      <fieldset>
        <legend>Model</legend>
        <Field id="field-cell" label="cell">
          {(a11y) => (
            <select {...a11y} value={draft.cell} disabled={running} onChange={(e) => setField('cell', e.target.value as (typeof CELLS)[number])}>
              {CELLS.map((c) => <option key={c} value={c}>{CELL_NAMES[c]}</option>)}
            </select>
          )}
        </Field>
        <NumberField name="encoderUnits" disabled={running} error={errors.encoderUnits} />
        <NumberField name="decoderUnits" disabled={running} error={errors.decoderUnits} />
        <div className="field field--check">
          <input id="field-reverse" type="checkbox" checked={draft.reverseInput} disabled={running} onChange={(e) => setField('reverseInput', e.target.checked)} />
          <label htmlFor="field-reverse">reverse the input string</label>
        </div>
      </fieldset>
      ) : (
        <fieldset>
          <legend>Model</legend>
          <p className="derived">
            {draft.model === 'mappingLstm'
              ? 'LSTM(10) → Dense(1), reading the terms as n_numbers time steps of one number each, divided by largest × n_numbers.'
              : 'Dense(4) → Dense(2) → Dense(1), linear, reading all terms at once, divided by largest × n_numbers.'}
          </p>
        </fieldset>
      )}
      <fieldset>
        <legend>Training</legend>
        <NumberField name="epochs" disabled={running} error={errors.epochs} />
        <NumberField name="examplesPerEpoch" disabled={running} error={errors.examplesPerEpoch} />
        <NumberField name="batchSize" disabled={running} error={errors.batchSize} />
        <NumberField name="learningRate" disabled={running} error={errors.learningRate} />
        <div className="field field--check">
          <input id="field-anneal" type="checkbox" checked={draft.anneal} disabled={running} onChange={(e) => setField('anneal', e.target.checked)} />
          <label htmlFor="field-anneal">anneal: learning rate ×0.3 at 90 % exact-match</label>
        </div>
        <NumberField name="seed" disabled={running} error={errors.seed} />
        <Field id="field-backend" label="backend" hint="auto picks the fastest for this model here">
          {(a11y) => (
            <select {...a11y} value={draft.backend} disabled={running} onChange={(e) => setField('backend', e.target.value as (typeof BACKENDS)[number])}>
              {BACKENDS.map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          )}
        </Field>
      </fieldset>
      {Object.keys(errors).length === 0 && (
        <p className="estimate" aria-label="Estimate">
          {grouped(configParameters(config))} parameters · ≈ {formatSeconds(secondsPerEpoch(config))} per epoch · ≈{' '}
          {Math.max(1, Math.round(stepBytes(config) / 2 ** 20))} MB per step <span className="muted">(estimates)</span>
        </p>
      )}
    </form>
  );
}

function formatSeconds(s: number): string {
  return s < 1 ? `${s.toFixed(1)} s` : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}
