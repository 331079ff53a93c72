import fc from 'fast-check';
import { BACKENDS, CELLS, DECODERS, ENCODINGS, MODELS, RECURRENT_INITS, SAMPLINGS, validateConfig, type Config } from '../../../src/core/config';
import { DECAYS } from '../../../src/core/schedule';
import { MAX_STEP_BYTES, seq2seqStepBytes as stepBytes } from '../../../src/core/estimate';
import { OPERATORS } from '../../../src/core/expression';
import { KINDS } from '../../../src/core/kinds';
import { LESSON_PROBLEM, PADDINGS } from '../../../src/core/problem';

/** Any valid config. */
export const validConfig: fc.Arbitrary<Config> = fc
  .record({
    model: fc.constantFrom(...MODELS),
    nNumbers: fc.integer({ min: 2, max: 6 }),
    largest: fc.integer({ min: 1, max: 99_999 }),
    encoderUnits: fc.integer({ min: 1, max: 512 }),
    decoderUnits: fc.integer({ min: 1, max: 512 }),
    encoderLayers: fc.integer({ min: 1, max: 3 }),
    decoderLayers: fc.integer({ min: 1, max: 3 }),
    encoding: fc.constantFrom(...ENCODINGS),
    embeddingSize: fc.integer({ min: 1, max: 64 }),
    cell: fc.constantFrom(...CELLS),
    decoder: fc.constantFrom(...DECODERS),
    reverseInput: fc.boolean(),
    anneal: fc.boolean(),
    warmupExamples: fc.integer({ min: 0, max: 10_000_000 }),
    decay: fc.constantFrom(...DECAYS),
    decayExamples: fc.integer({ min: 0, max: 10_000_000 }),
    annealAt: fc.double({ min: 1, max: 100, noNaN: true }),
    annealFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
    plateauEpochs: fc.integer({ min: 0, max: 1_000 }),
    clipNorm: fc.double({ min: 0, max: 1_000, noNaN: true }),
    curriculumExamples: fc.integer({ min: 0, max: 10_000_000 }),
    batchRampExamples: fc.integer({ min: 0, max: 10_000_000 }),
    adamBeta2: fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
    hardShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    lengthsFrom: fc.double({ min: 0, max: 100, noNaN: true }),
    hardFrom: fc.double({ min: 0, max: 100, noNaN: true }),
    adamBeta1: fc.double({ min: 0, max: 0.999, noNaN: true }),
    adamEpsilon: fc.double({ min: 0, max: 1, noNaN: true }),
    averageDecay: fc.double({ min: 0, max: 0.9999, noNaN: true }),
    annealAgainAt: fc.constant(0),
    boostFactor: fc.double({ min: 0.1, max: 10, noNaN: true }),
    boostUntil: fc.double({ min: 1, max: 100, noNaN: true }),
    labelSmoothing: fc.double({ min: 0, max: 0.5, noNaN: true }),
    unitsWeight: fc.double({ min: 0.1, max: 10, noNaN: true }),
    unitsUntil: fc.double({ min: 1, max: 100, noNaN: true }),
    tensWeight: fc.double({ min: 0.1, max: 10, noNaN: true }),
    averageLateDecay: fc.double({ min: 0, max: 0.9999, noNaN: true }),
    answersFrom: fc.double({ min: 0, max: 100, noNaN: true }),
    epochs: fc.integer({ min: 1, max: 10_000 }),
    examplesPerEpoch: fc.integer({ min: 1, max: 100_000 }),
    batchSize: fc.integer({ min: 1, max: 1_000 }),
    learningRate: fc.double({ min: 0.000_01, max: 1, noNaN: true }),
    stopAtExact: fc.oneof(fc.constant(100), fc.double({ min: 0, max: 100, noNaN: true })),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    backend: fc.constantFrom(...BACKENDS),
    sampling: fc.constantFrom(...SAMPLINGS),
    recurrentInit: fc.constantFrom(...RECURRENT_INITS),
  })
  .map((c): Config => ({ ...LESSON_PROBLEM, ...c, minNumbers: c.nNumbers, batchSize: Math.min(c.batchSize, c.examplesPerEpoch) }))
  // Shrink the batch until one training step fits the memory limit.
  .map((c) => {
    let batchSize = c.batchSize;
    while (batchSize > 1 && stepBytes({ ...c, batchSize }) > MAX_STEP_BYTES) batchSize = Math.floor(batchSize / 2);
    return { ...c, batchSize };
  });

/** Any valid config, the problem settings varied too (operators, term counts, brackets, padding, reversal). */
export const anyValidConfig: fc.Arbitrary<Config> = fc
  .tuple(
    validConfig,
    fc.record({
      operators: fc.subarray([...OPERATORS], { minLength: 1 }).map((ops) => ops.join('')),
      minNumbers: fc.integer({ min: 2, max: 6 }),
      largest: fc.integer({ min: 1, max: 999 }),
      /** How far test largest reaches past largest (0: off); only models that read digits take it. */
      room: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 99_000 })),
      brackets: fc.boolean(),
      padding: fc.constantFrom(...PADDINGS),
      reverseOutput: fc.boolean(),
    }),
  )
  .map(([c, { room, ...p }]): Config => ({
    ...c,
    ...p,
    testLargest: room && KINDS[c.model].modelFields.includes('testLargest') ? p.largest + room : 0,
    minNumbers: Math.min(p.minNumbers, c.nNumbers),
  }))
  .filter((c) => Object.keys(validateConfig(c)).length === 0);
