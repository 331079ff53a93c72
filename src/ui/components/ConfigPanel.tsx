import { BACKENDS, CHOICE_FIELDS, FIELD_LABELS, type ChoiceField, type Decoder, NUMERIC_FIELDS, type RecurrentInit, type Sampling, type Encoding, PRESETS, type Config, type ConfigDraft, type FlagField, type NumericField, type PresetName } from '../../core/config';
import { COSINE_FLOOR, STEP_FACTOR, type Decay } from '../../core/schedule';
import { CELL_NAMES } from '../../core/format';
import { KINDS } from '../../core/kinds';
import { problemSpec, type Padding } from '../../core/problem';
import { configOf, PROBLEM_FIELDS } from '../../store/configSlice';
import { useCarryStore } from '../../store/store';
import { grouped, showPadding } from '../format';
import { busyModel, experimentRunning } from '../../store/trainingSlice';
import { Field } from './Field';

/** The settings chosen from a list in the form (the act is picked by its tab). */
type SelectField = Exclude<ChoiceField, 'model'>;

/** Each choice of a setting, in words. */
const CHOICE_NAMES: { [K in SelectField]: Record<(typeof CHOICE_FIELDS)[K][number], string> } = {
  cell: CELL_NAMES,
  encoding: { onehot: 'one-hot (the lesson)', integer: 'integer: each code as one number', embedding: 'learned embedding' } satisfies Record<Encoding, string>,
  decoder: { repeat: 'RepeatVector (the lesson)', attention: 'attention over the encoder’s outputs' } satisfies Record<Decoder, string>,
  padding: { whole: 'the whole string (the lesson)', term: 'each term to its own width' } satisfies Record<Padding, string>,
  decay: { none: 'none: the rate stays put', cosine: `cosine, down to ${COSINE_FLOOR}× the rate`, step: `steps of ×${STEP_FACTOR}` } satisfies Record<Decay, string>,
  sampling: {
    uniform: 'uniform (as the problem asks)',
    'carry-balanced': 'carry-balanced: as many of each carry count (where sums carry)',
    'length-balanced': 'length-balanced: rare term lengths (1–9, 100) more often',
    'carry-and-length-balanced': 'carry- and length-balanced: both',
  } satisfies Record<Sampling, string>,
  recurrentInit: { glorot: 'Glorot-uniform', orthogonal: 'orthogonal (as Keras’ LSTM)', 'orthogonal-gates': 'orthogonal, each gate on its own' } satisfies Record<RecurrentInit, string>,
  backend: Object.fromEntries(BACKENDS.map((b) => [b, b])) as Record<(typeof BACKENDS)[number], string>,
};

const CHOICE_HINTS: Partial<Record<SelectField, string>> = {
  encoding: 'how the encoder reads each symbol',
  decoder: 'what the decoder reads at each answer position',
  sampling: 'how training sums are drawn (held-out sums stay as asked)',
  backend: 'auto picks the fastest for this model here',
  decay: 'how the learning rate falls after the warm-up',
  recurrentInit: 'how the recurrent weights start',
};

const HINTS: Partial<Record<NumericField, string>> = {
  minNumbers: 'fewest numbers in an expression',
  nNumbers: 'most numbers in an expression (n_numbers)',
  largest: 'each number is drawn from 1 to largest',
  testLargest: 'room in the input for longer numbers, to test on (0: off); training stays up to largest',
  examplesPerEpoch: 'fresh sums generated for every epoch',
  learningRate: 'Adam step size (the peak, with a schedule)',
  warmupExamples: 'the rate rises from 0 over this many examples (0: none)',
  decayExamples: 'cosine: examples after the warm-up to reach its floor; step: examples between steps',
  annealAt: 'held-out score at which anneal cuts the rate',
  annealFactor: 'each cut (anneal, flat epochs) multiplies the rate by this',
  plateauEpochs: 'cut the rate after this many epochs without a new best score (0: never)',
  clipNorm: 'scale the gradients down to this length when longer (0: no clipping)',
  curriculumExamples: 'training terms grow from 1–9 to largest over this many examples (0: whole range)',
  batchRampExamples: 'batches grow from a quarter of the batch size over this many examples (0: full)',
  adamBeta2: 'how slowly Adam forgets the size of past gradients',
  hardShare: 'share of each batch made of sums the model got wrong just before the epoch (0: none)',
  hardFrom: 'hard examples only once the held-out score has reached this (0: from the start)',
  lengthsFrom: 'rare term lengths (1–9, 100) more often once the held-out score has reached this (0: never)',
  answersFrom: "as many sums with each answer's tens (the smallest and largest sums as often as the rest) once the held-out score has reached this, whatever the sampling above (0: never)",
  unitsWeight: "the answer's units digit counts this many times in the loss (1: like the others)",
  unitsUntil: 'the units weight applies until the held-out score first reaches this',
  tensWeight: "the answer's tens digit counts this many times in the loss, the whole run (1: like the others)",
  labelSmoothing: 'spread this share of each target over all symbols (0: none)',
  averageDecay: 'score and keep an average of the weights, each batch weighted this much less (0: off)',
  averageLateDecay: 'the average goes on with this decay once the anneal has cut the rate (0: no change)',
  adamBeta1: 'how slowly Adam forgets past gradients',
  adamEpsilon: "added to Adam's step divisor (0: the backend's own)",
  annealAgainAt: 'a second cut at this held-out score (0: none)',
  boostFactor: 'the rate × this until the score below (1: none)',
  boostUntil: 'held-out score that ends the rate factor',
  stopAtExact: 'end the run at this held-out score (0: run every epoch)',
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

/** A setting chosen from its field table's list, each choice in words. */
function ChoiceSelect({ name, id, disabled, error }: { name: SelectField; id: string; disabled: boolean; error: string | undefined }) {
  const value = useCarryStore((s) => s.draft[name]);
  const setField = useCarryStore((s) => s.setField);
  const names: Record<string, string> = CHOICE_NAMES[name];
  return (
    <Field id={id} label={FIELD_LABELS[name]} hint={CHOICE_HINTS[name]} error={error}>
      {(a11y) => (
        <select {...a11y} value={value} disabled={disabled} onChange={(e) => setField(name, e.target.value as ConfigDraft[typeof name])}>
          {CHOICE_FIELDS[name].map((v) => <option key={v} value={v}>{names[v]}</option>)}
        </select>
      )}
    </Field>
  );
}

/** The fields classroom mode shows. */
const CLASSROOM_FIELDS: string[] = ['minNumbers', 'nNumbers', 'largest', 'stopAtExact'];

/** The settings form: problem, model, training, with errors beside each field. */
export function ConfigPanel() {
  const draft = useCarryStore((s) => s.draft);
  const busy = useCarryStore((s) => busyModel(s));
  const experimentBusy = useCarryStore((s) => experimentRunning(s));
  const setField = useCarryStore((s) => s.setField);
  const applyPreset = useCarryStore((s) => s.applyPreset);
  const running = busy !== undefined || experimentBusy;
  const kind = KINDS[draft.model];
  const applies = (field: (typeof kind.modelFields)[number]) => kind.modelFields.includes(field);
  const { config, errors } = useCarryStore((s) => configOf(s.draft));
  const classroom = useCarryStore((s) => s.classroom);
  const problemOk = PROBLEM_FIELDS.every((k) => !errors[k]) && !errors.padding && !errors.testLargest;
  const check = (id: string, field: FlagField, label: string) => (
    <div className={`field field--check${errors[field] ? ' field--invalid' : ''}`}>
      <input id={id} type="checkbox" checked={draft[field]} disabled={running} aria-invalid={Boolean(errors[field])} aria-describedby={errors[field] ? `${id}-error` : undefined} onChange={(e) => setField(field, e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {errors[field] && <small id={`${id}-error`} className="field__error" role="alert">{errors[field]}</small>}
    </div>
  );

  const presets = (
    <div className="field">
      <label htmlFor="preset">Preset</label>
      <select id="preset" value="" disabled={running} onChange={(e) => e.target.value && applyPreset(e.target.value as PresetName)}>
        <option value="">Choose a preset…</option>
        {Object.keys(PRESETS).map((name) => (
          <option key={name} value={name}>{name}</option>
        ))}
      </select>
    </div>
  );
  const lockNote = running && <p className="note">Settings apply to the next run: stop or wait, then press Train.</p>;

  if (classroom) {
    // For a projector: only what the act's story turns on.
    return (
      <form className="panel config" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
        <h2>Settings</h2>
        {lockNote}
        {presets}
        <NumberField name="nNumbers" disabled={running} error={errors.nNumbers ?? errors.minNumbers} />
        <NumberField name="largest" disabled={running} error={errors.largest} />
        <NumberField name="stopAtExact" disabled={running} error={errors.stopAtExact} />
        {problemOk && <Derived config={config} symbols={kind.output === 'symbols'} />}
        {Object.keys(errors).some((k) => !CLASSROOM_FIELDS.includes(k)) && (
          <p className="note">Some settings hidden in classroom mode need fixing: leave classroom mode to see them.</p>
        )}
      </form>
    );
  }

  return (
    <form className="panel config" aria-label="Settings" onSubmit={(e) => e.preventDefault()}>
      <h2>Settings</h2>
      {lockNote}
      {presets}
      <fieldset>
        <legend>Problem</legend>
        <Field id="field-operators" label="operators" hint="any of + - *, e.g. + -" error={errors.operators}>
          {(a11y) => (
            <input {...a11y} type="text" autoComplete="off" spellCheck={false} value={draft.operators} disabled={running} onChange={(e) => setField('operators', e.target.value)} />
          )}
        </Field>
        <NumberField name="minNumbers" disabled={running} error={errors.minNumbers} />
        <NumberField name="nNumbers" disabled={running} error={errors.nNumbers} />
        <NumberField name="largest" disabled={running} error={errors.largest} />
        {applies('testLargest') && <NumberField name="testLargest" disabled={running} error={errors.testLargest} />}
        {check('field-brackets', 'brackets', 'brackets (3 or more numbers)')}
        {problemOk && <Derived config={config} symbols={kind.output === 'symbols'} />}
      </fieldset>
      {kind.modelFields.length > 0 ? (
      <fieldset>
        <legend>Model</legend>
        <ChoiceSelect name="cell" id="field-cell" disabled={running} error={errors.cell} />
        <NumberField name="encoderUnits" disabled={running} error={errors.encoderUnits} />
        <NumberField name="decoderUnits" disabled={running} error={errors.decoderUnits} />
        {applies('encoderLayers') && <NumberField name="encoderLayers" disabled={running} error={errors.encoderLayers} />}
        {applies('decoderLayers') && <NumberField name="decoderLayers" disabled={running} error={errors.decoderLayers} />}
        {applies('encoding') && (
          <ChoiceSelect name="encoding" id="field-encoding" disabled={running} error={errors.encoding} />
        )}
        {applies('embeddingSize') && draft.encoding === 'embedding' && <NumberField name="embeddingSize" disabled={running} error={errors.embeddingSize} />}
        {applies('decoder') && (
          <ChoiceSelect name="decoder" id="field-decoder" disabled={running} error={errors.decoder} />
        )}
        {applies('padding') && (
          <ChoiceSelect name="padding" id="field-padding" disabled={running} error={errors.padding} />
        )}
        {applies('reverseInput') && check('field-reverse', 'reverseInput', 'reverse the input string')}
        {applies('reverseOutput') && check('field-reverse-output', 'reverseOutput', 'reverse the answer (units first)')}
        {problemOk && Object.keys(errors).length === 0 && <p className="derived">{kind.architecture(config)}</p>}
      </fieldset>
      ) : (
        <fieldset>
          <legend>Model</legend>
          <p className="derived">{kind.architecture(config)}</p>
        </fieldset>
      )}
      <fieldset>
        <legend>Training</legend>
        <NumberField name="epochs" disabled={running} error={errors.epochs} />
        <NumberField name="examplesPerEpoch" disabled={running} error={errors.examplesPerEpoch} />
        <NumberField name="batchSize" disabled={running} error={errors.batchSize} />
        <NumberField name="learningRate" disabled={running} error={errors.learningRate} />
        <NumberField name="stopAtExact" disabled={running} error={errors.stopAtExact} />
        <NumberField name="curriculumExamples" disabled={running} error={errors.curriculumExamples} />
        <ChoiceSelect name="sampling" id="field-sampling" disabled={running} error={errors.sampling} />
        <NumberField name="hardShare" disabled={running} error={errors.hardShare} />
        <NumberField name="hardFrom" disabled={running} error={errors.hardFrom} />
        <NumberField name="lengthsFrom" disabled={running} error={errors.lengthsFrom} />
        <NumberField name="answersFrom" disabled={running} error={errors.answersFrom} />
        <NumberField name="unitsWeight" disabled={running} error={errors.unitsWeight} />
        <NumberField name="unitsUntil" disabled={running} error={errors.unitsUntil} />
        <NumberField name="tensWeight" disabled={running} error={errors.tensWeight} />
        <NumberField name="labelSmoothing" disabled={running} error={errors.labelSmoothing} />
        <NumberField name="seed" disabled={running} error={errors.seed} />
        <ChoiceSelect name="backend" id="field-backend" disabled={running} error={errors.backend} />
      </fieldset>
      <fieldset>
        <legend>Schedule and optimiser</legend>
        <NumberField name="warmupExamples" disabled={running} error={errors.warmupExamples} />
        <ChoiceSelect name="decay" id="field-decay" disabled={running} error={errors.decay} />
        <NumberField name="decayExamples" disabled={running} error={errors.decayExamples} />
        {check('field-anneal', 'anneal', 'anneal: cut the learning rate once, at the score below')}
        <NumberField name="annealAt" disabled={running} error={errors.annealAt} />
        <NumberField name="plateauEpochs" disabled={running} error={errors.plateauEpochs} />
        <NumberField name="annealFactor" disabled={running} error={errors.annealFactor} />
        <NumberField name="annealAgainAt" disabled={running} error={errors.annealAgainAt} />
        <NumberField name="boostFactor" disabled={running} error={errors.boostFactor} />
        <NumberField name="boostUntil" disabled={running} error={errors.boostUntil} />
        <NumberField name="batchRampExamples" disabled={running} error={errors.batchRampExamples} />
        <NumberField name="clipNorm" disabled={running} error={errors.clipNorm} />
        <NumberField name="adamBeta1" disabled={running} error={errors.adamBeta1} />
        <NumberField name="adamBeta2" disabled={running} error={errors.adamBeta2} />
        <NumberField name="adamEpsilon" disabled={running} error={errors.adamEpsilon} />
        <NumberField name="averageDecay" disabled={running} error={errors.averageDecay} />
        <NumberField name="averageLateDecay" disabled={running} error={errors.averageLateDecay} />
        <ChoiceSelect name="recurrentInit" id="field-recurrent-init" disabled={running} error={errors.recurrentInit} />
      </fieldset>
      {Object.keys(errors).length === 0 && (
        <p className="estimate" aria-label="Estimate">
          {grouped(kind.parameters(config))} parameters · ≈ {formatSeconds(kind.secondsPerEpoch(config))} per epoch · ≈{' '}
          {Math.max(1, Math.round(kind.stepBytes(config) / 2 ** 20))} MB per step <span className="muted">(estimates)</span>
        </p>
      )}
    </form>
  );
}

/** An example of the problem as the model sees it, with its widths. */
function Derived({ config, symbols }: { config: Config; symbols: boolean }) {
  const spec = problemSpec(config);
  const parsed = spec.parse(spec.example);
  if (!parsed.ok) return null;
  if (!symbols) return <p className="derived">e.g. <code>{spec.example}</code> = {parsed.expression.value}</p>;
  return (
    <p className="derived">
      e.g. <code>{showPadding(parsed.input)}</code> → <code>{showPadding(parsed.expected)}</code> · input {spec.inWidth} symbols, answer {spec.outWidth}
      {spec.roomFor > config.largest && ` (room for terms up to ${spec.roomFor})`}, alphabet <code>{showPadding(spec.alphabet)}</code> ({spec.alphabet.length})
    </p>
  );
}

function formatSeconds(s: number): string {
  return s < 1 ? `${s.toFixed(1)} s` : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}
