import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CELLS, DECODERS, DEFAULT_CONFIG, ENCODINGS, type Cell, type Config } from '../../../src/core/config';
import {
  gateCount,
  mappingLstmParameters,
  mappingStepBytes,
  mlpParameters,
  parameterCount,
  readWidth,
  seq2seqParameters,
  seq2seqSecondsPerEpoch,
  seq2seqStepBytes,
  shapeOf,
  trainingFlopsPerExample,
  type Seq2SeqShape,
} from '../../../src/core/estimate';

const RUNS = { numRuns: 200 };

/**
 * The lesson's problem (two terms up to 100) as the model sees it: the
 * alphabet `0123456789+ ` (12 symbols), inputs like `100+100` (7 symbols),
 * answers up to `200` (3 symbols).
 */
const LESSON = { symbols: 12, inWidth: 7, outWidth: 3 };

/** Any seq2seq shape, the sizes kept small and apart so that a swapped term shows. */
const shape: fc.Arbitrary<Seq2SeqShape> = fc.record({
  inWidth: fc.integer({ min: 1, max: 40 }),
  outWidth: fc.integer({ min: 1, max: 15 }),
  symbols: fc.integer({ min: 2, max: 20 }),
  encoderUnits: fc.integer({ min: 1, max: 300 }),
  decoderUnits: fc.integer({ min: 1, max: 300 }),
  cell: fc.constantFrom(...CELLS),
  encoding: fc.constantFrom(...ENCODINGS),
  embeddingSize: fc.integer({ min: 1, max: 64 }),
  encoderLayers: fc.integer({ min: 1, max: 3 }),
  decoderLayers: fc.integer({ min: 1, max: 3 }),
  decoder: fc.constantFrom(...DECODERS),
});

/** Gates of each cell as tfjs-layers fuses them in one kernel: LSTM i, f, c, o; GRU z, r, h (one bias each, no reset-after); SimpleRNN none but the one tanh. */
const GATES: Record<Cell, number> = { lstm: 4, gru: 3, simpleRnn: 1 };

/** What the first encoder layer reads per symbol: a one-hot row, one scaled code, or an embedding row. */
const readsPerSymbol = (s: Seq2SeqShape): number => ({ onehot: s.symbols, integer: 1, embedding: s.embeddingSize })[s.encoding];

/** The layers a seq2seq model of this shape builds (as `createSeq2Seq` does), each with the width it reads. */
function recurrentLayers(s: Seq2SeqShape): { input: number; units: number; steps: number; repeated: boolean }[] {
  const layers = [];
  for (let k = 0; k < s.encoderLayers; k++) layers.push({ input: k === 0 ? readsPerSymbol(s) : s.encoderUnits, units: s.encoderUnits, steps: s.inWidth, repeated: false });
  // The first decoder layer reads the encoder's last state repeated (RepeatVector): the same input at every step.
  for (let k = 0; k < s.decoderLayers; k++) layers.push({ input: k === 0 ? s.encoderUnits : s.decoderUnits, units: s.decoderUnits, steps: s.outWidth, repeated: k === 0 });
  return layers;
}

/**
 * The weight tensors of the model, by shape: per recurrent layer a fused
 * kernel `[input, G·units]`, a recurrent kernel `[units, G·units]` and a bias
 * `[G·units]`; the dense softmax `[decoderUnits, symbols]` + `[symbols]`; and an
 * embedding table `[symbols, embeddingSize]` when the input is embedded
 * (the integer encoding's code column is fixed, not trained).
 */
function weightShapes(s: Seq2SeqShape): number[][] {
  const g = GATES[s.cell];
  const shapes = recurrentLayers(s).flatMap(({ input, units }) => [[input, g * units], [units, g * units], [g * units]]);
  shapes.push([s.decoderUnits, s.symbols], [s.symbols]);
  if (s.encoding === 'embedding') shapes.push([s.symbols, s.embeddingSize]);
  // Luong attention ("general"): Wa scores a decoder state against an encoder output; Wc mixes [context; state].
  if (s.decoder === 'attention') shapes.push([s.decoderUnits, s.encoderUnits], [s.encoderUnits + s.decoderUnits, s.decoderUnits]);
  return shapes;
}
const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * Training FLOPs of one example from the forward pass's matMuls, listed one
 * by one as `[rows, inner, cols]` (2·rows·inner·cols FLOPs each), times three
 * for forward + backward. The embedding look-up runs as a one-hot × table
 * matMul; the integer encoding's product with its fixed `[symbols, 1]` code
 * column is left out of the estimate (at most 2·inWidth·symbols FLOPs).
 */
function flopsByMatMul(s: Seq2SeqShape): number {
  const g = GATES[s.cell];
  const matMuls: [number, number, number][] = [];
  if (s.encoding === 'embedding') matMuls.push([s.inWidth, s.symbols, s.embeddingSize]);
  for (const { input, units, steps, repeated } of recurrentLayers(s)) {
    matMuls.push([repeated ? 1 : steps, input, g * units]); // input projections of every step at once (once only for a repeated input)
    for (let t = 0; t < steps; t++) matMuls.push([1, units, g * units]); // one recurrent matMul per step
  }
  if (s.decoder === 'attention') {
    matMuls.push([s.outWidth, s.decoderUnits, s.encoderUnits]); // each decoder state × Wa
    matMuls.push([s.outWidth, s.encoderUnits, s.inWidth]); // scored against every encoder output
    matMuls.push([s.outWidth, s.inWidth, s.encoderUnits]); // context: the weights × the encoder outputs
    matMuls.push([s.outWidth, s.encoderUnits + s.decoderUnits, s.decoderUnits]); // [context; state] × Wc
  }
  matMuls.push([s.outWidth, s.decoderUnits, s.symbols]); // TimeDistributed(Dense)
  return 3 * matMuls.reduce((sum, [m, k, n]) => sum + 2 * m * k * n, 0);
}

describe('gateCount', () => {
  it('is 4 for an LSTM, 3 for a GRU and 1 for a SimpleRNN', () => {
    expect(gateCount('lstm')).toBe(4);
    expect(gateCount('gru')).toBe(3);
    expect(gateCount('simpleRnn')).toBe(1);
  });
});

describe('readWidth', () => {
  it('is the alphabet for one-hot, one number for integer, the embedding width for embedding', () => {
    const s = { symbols: 12, embeddingSize: 5 };
    expect(readWidth({ ...s, encoding: 'onehot' })).toBe(12);
    expect(readWidth({ ...s, encoding: 'integer' })).toBe(1);
    expect(readWidth({ ...s, encoding: 'embedding' })).toBe(5);
  });
});

describe('parameterCount', () => {
  it("the lesson's model: LSTM(100) → RepeatVector → LSTM(50) → Dense(12) has 76 012", () => {
    // LSTM(100) reading 12 one-hot inputs: 4 gates × 100 × (12 inputs + 100 recurrent + 1 bias) = 45 200
    // LSTM(50) reading the 100 encoder units:  4 × 50 × (100 + 50 + 1)                         = 30 200
    // Dense(12) on 50 units: 50 × 12 + 12                                                        =    612
    expect(seq2seqParameters(DEFAULT_CONFIG)).toBe(45_200 + 30_200 + 612);
    expect(shapeOf(DEFAULT_CONFIG)).toMatchObject({ ...LESSON, encoderUnits: 100, decoderUnits: 50, cell: 'lstm', encoding: 'onehot', encoderLayers: 1, decoderLayers: 1 });
  });

  it('a stacked, embedded GRU model, worked by hand', () => {
    const s: Seq2SeqShape = { inWidth: 7, outWidth: 3, symbols: 5, encoderUnits: 3, decoderUnits: 2, cell: 'gru', encoding: 'embedding', embeddingSize: 4, encoderLayers: 2, decoderLayers: 3, decoder: 'repeat' };
    // Embedding(5, 4):                          5 × 4                   = 20
    // GRU(3) reading 4:                         3 × 3 × (4 + 3 + 1)     = 72
    // GRU(3) reading 3:                         3 × 3 × (3 + 3 + 1)     = 63
    // GRU(2) reading the encoder's 3:           3 × 2 × (3 + 2 + 1)     = 36
    // two GRU(2) reading 2:                 2 × 3 × 2 × (2 + 2 + 1)     = 60
    // Dense(5) on 2:                            2 × 5 + 5               = 15
    expect(parameterCount(s)).toBe(20 + 72 + 63 + 36 + 60 + 15);
  });

  it('SimpleRNN with integer input, worked by hand', () => {
    const s: Seq2SeqShape = { inWidth: 9, outWidth: 4, symbols: 13, encoderUnits: 6, decoderUnits: 7, cell: 'simpleRnn', encoding: 'integer', embeddingSize: 16, encoderLayers: 1, decoderLayers: 2, decoder: 'repeat' };
    // SimpleRNN(6) reading one number: 6 × (1 + 6 + 1) = 48; SimpleRNN(7) reading 6: 7 × (6 + 7 + 1) = 98;
    // SimpleRNN(7) reading 7: 7 × (7 + 7 + 1) = 105; Dense(13) on 7: 7 × 13 + 13 = 104. No trained embedding.
    expect(parameterCount(s)).toBe(48 + 98 + 105 + 104);
  });

  it("the lesson's model with an attention decoder, worked by hand", () => {
    // Wa [50, 100] = 5 000; Wc [100 + 50, 50] = 7 500; no biases.
    expect(seq2seqParameters({ ...DEFAULT_CONFIG, decoder: 'attention' })).toBe(45_200 + 30_200 + 612 + 5_000 + 7_500);
  });

  it('is the total size of the weight tensors the model builds', () => {
    fc.assert(
      fc.property(shape, (s) => {
        expect(parameterCount(s)).toBe(weightShapes(s).reduce((n, dims) => n + size(dims), 0));
      }),
      RUNS,
    );
  });

  it('does not depend on the sequence lengths, nor on the embedding width unless embedded', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 30 }), (s, d) => {
        expect(parameterCount({ ...s, inWidth: s.inWidth + d, outWidth: s.outWidth + d })).toBe(parameterCount(s));
        if (s.encoding !== 'embedding') expect(parameterCount({ ...s, embeddingSize: s.embeddingSize + d })).toBe(parameterCount(s));
      }),
      RUNS,
    );
  });
});

describe('trainingFlopsPerExample', () => {
  it("the lesson's model, worked by hand", () => {
    // Encoder LSTM(100), 7 steps: input projections 2 × 7 × 12 × 400 = 67 200, recurrent 7 × 2 × 100 × 400 = 560 000
    // Decoder LSTM(50), 3 steps:  repeated input projected once 2 × 100 × 200 = 40 000, recurrent 3 × 2 × 50 × 200 = 60 000
    // Dense(12) at 3 steps:        2 × 3 × 50 × 12 = 3 600
    // Forward 730 800; training ≈ 3 × forward.
    expect(trainingFlopsPerExample(shapeOf(DEFAULT_CONFIG))).toBe(3 * (67_200 + 560_000 + 40_000 + 60_000 + 3_600));
  });

  it("the lesson's model with attention, worked by hand", () => {
    // At each of 3 answer positions: state × Wa 2 × 50 × 100 = 10 000, scores 2 × 100 × 7 = 1 400,
    // context 2 × 7 × 100 = 1 400, [context; state] × Wc 2 × 150 × 50 = 15 000: 3 × 27 800 = 83 400.
    expect(trainingFlopsPerExample(shapeOf({ ...DEFAULT_CONFIG, decoder: 'attention' }))).toBe(3 * (67_200 + 560_000 + 40_000 + 60_000 + 3_600 + 83_400));
  });

  it('an embedded, stacked GRU, worked by hand', () => {
    const s: Seq2SeqShape = { inWidth: 5, outWidth: 2, symbols: 6, encoderUnits: 3, decoderUnits: 2, cell: 'gru', encoding: 'embedding', embeddingSize: 4, encoderLayers: 2, decoderLayers: 2, decoder: 'repeat' };
    // Embedding look-up (one-hot × table): 2 × 5 × 6 × 4 = 240
    // GRU(3) reading 4, 5 steps: 2 × 5 × 4 × 9 = 360, recurrent 5 × 2 × 3 × 9 = 270
    // GRU(3) reading 3, 5 steps: 2 × 5 × 3 × 9 = 270, recurrent 270
    // GRU(2) reading the repeated 3: 2 × 3 × 6 = 36, recurrent 2 × 2 × 2 × 6 = 48
    // GRU(2) reading 2, 2 steps: 2 × 2 × 2 × 6 = 48, recurrent 48
    // Dense(6) at 2 steps: 2 × 2 × 2 × 6 = 48
    expect(trainingFlopsPerExample(s)).toBe(3 * (240 + 360 + 270 + 270 + 270 + 36 + 48 + 48 + 48 + 48));
  });

  it("counts every matMul of the model's forward pass, three times over for training", () => {
    fc.assert(
      fc.property(shape, (s) => {
        expect(trainingFlopsPerExample(s)).toBe(flopsByMatMul(s));
      }),
      RUNS,
    );
  });

  it('grows with every size', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom('inWidth', 'outWidth', 'symbols', 'encoderUnits', 'decoderUnits', 'encoderLayers', 'decoderLayers') as fc.Arbitrary<keyof Seq2SeqShape>, (s, key) => {
        expect(trainingFlopsPerExample({ ...s, [key]: (s[key] as number) + 1 })).toBeGreaterThan(trainingFlopsPerExample(s));
      }),
      RUNS,
    );
  });
});

/** The lesson's config with other settings. */
const lesson = (more: Partial<Config> = {}): Config => ({ ...DEFAULT_CONFIG, ...more });

describe('seq2seqStepBytes', () => {
  it("the lesson's model at batch 64, worked by hand", () => {
    // Per example, each step of each LSTM layer keeps its 4 gate activations and 3 state vectors (7 × units):
    //   encoder 7 steps × 100 units × 7 = 4 900, decoder 3 steps × 50 units × 7 = 1 050;
    //   the one-hot input and target, (7 + 3) × 12 = 120;
    //   everything again for the gradients: 2 × (4 900 + 1 050 + 120) = 12 140 floats.
    // 4 bytes a float, 64 examples a batch.
    expect(seq2seqStepBytes(lesson())).toBe(4 * 64 * 12_140);
  });

  it('a stacked GRU, worked by hand', () => {
    // Three terms up to 9 (`9+9+9`, 5 symbols; answers up to `27`, 2), alphabet `0123456789+ ` (12).
    const c = lesson({ minNumbers: 3, nNumbers: 3, largest: 9, cell: 'gru', encoderUnits: 8, decoderUnits: 5, encoderLayers: 2, decoderLayers: 3, batchSize: 10 });
    // GRU steps keep 3 gates + 3 states = 6 vectors: encoder 2 layers × 5 steps × 8 units × 6 = 480,
    // decoder 3 layers × 2 steps × 5 units × 6 = 180; one-hot (5 + 2) × 12 = 84; doubled for gradients: 1 488 floats.
    expect(seq2seqStepBytes(c)).toBe(4 * 10 * 2 * (480 + 180 + 84));
  });

  it('is proportional to the batch size', () => {
    for (const k of [2, 3, 10]) expect(seq2seqStepBytes(lesson({ batchSize: 64 * k }))).toBe(k * seq2seqStepBytes(lesson()));
  });

  it('grows with the units, the layers, the gates, the input and answer lengths and the alphabet', () => {
    const base = seq2seqStepBytes(lesson());
    for (const more of [
      { encoderUnits: 101 },
      { decoderUnits: 51 },
      { encoderLayers: 2 },
      { decoderLayers: 2 },
      { nNumbers: 3, minNumbers: 3 }, // a longer input and a wider answer
      { operators: '+-' }, // one more symbol, a minus sign in the answers
    ] satisfies Partial<Config>[]) {
      expect(seq2seqStepBytes(lesson(more)), JSON.stringify(more)).toBeGreaterThan(base);
    }
    expect(seq2seqStepBytes(lesson({ cell: 'gru' }))).toBeLessThan(base);
    expect(seq2seqStepBytes(lesson({ cell: 'simpleRnn' }))).toBeLessThan(seq2seqStepBytes(lesson({ cell: 'gru' })));
  });
});

describe('seq2seqSecondsPerEpoch', () => {
  it('is 5 ms a batch plus the arithmetic at 6 GFLOP/s', () => {
    // 1 000 examples in batches of 64: 16 batches (the last one short) × 5 ms = 0.08 s;
    // 1 000 × 2 192 400 training FLOPs (see above) / 6e9 FLOP/s = 0.3654 s.
    expect(seq2seqSecondsPerEpoch(lesson())).toBeCloseTo(0.08 + 0.3654, 10);
  });

  it('the fixed cost is per batch: same examples, smaller batches take longer by 5 ms each', () => {
    // 1 000 examples: batches of 10 are 100 batches, of 1 000 one.
    expect(seq2seqSecondsPerEpoch(lesson({ batchSize: 10 })) - seq2seqSecondsPerEpoch(lesson({ batchSize: 1_000 }))).toBeCloseTo(99 * 0.005, 10);
  });

  it('the arithmetic is per example: twice the examples in the same batches take twice as long', () => {
    const one = seq2seqSecondsPerEpoch(lesson({ examplesPerEpoch: 640 }));
    const two = seq2seqSecondsPerEpoch(lesson({ examplesPerEpoch: 1_280 }));
    expect(two).toBeCloseTo(2 * one, 10);
  });
});

describe('the Act 1 models', () => {
  it("the mapping LSTM(10) → Dense(1) has 491 parameters", () => {
    // LSTM(10) reading one number per step: 4 × 10 × (1 + 10 + 1) = 480; Dense(1) on 10: 10 + 1 = 11.
    expect(mappingLstmParameters()).toBe(480 + 11);
  });

  it('the MLP Dense(4) → Dense(2) → Dense(1) has 4n + 4 + 10 + 3 parameters for n terms', () => {
    // Dense(4) on n: 4n + 4; Dense(2) on 4: 8 + 2; Dense(1) on 2: 2 + 1.
    expect(mlpParameters(2)).toBe(12 + 10 + 3);
    expect(mlpParameters(3)).toBe(16 + 10 + 3);
    expect(mlpParameters(6)).toBe(28 + 10 + 3);
  });

  it('a mapping step takes 200 floats per term per example', () => {
    expect(mappingStepBytes(lesson({ batchSize: 10, nNumbers: 2 }))).toBe(4 * 10 * 2 * 200);
    expect(mappingStepBytes(lesson({ batchSize: 30, nNumbers: 2 }))).toBe(3 * mappingStepBytes(lesson({ batchSize: 10, nNumbers: 2 })));
    expect(mappingStepBytes(lesson({ batchSize: 10, nNumbers: 6 }))).toBe(3 * mappingStepBytes(lesson({ batchSize: 10, nNumbers: 2 })));
  });
});
