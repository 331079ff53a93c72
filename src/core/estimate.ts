import type { Cell, Config, Decoder, Encoding } from './config';
import { MAPPING_LSTM_UNITS, MLP_WIDTHS } from './mapping';
import { problemSpec } from './problem';

/** The sizes that fix a seq2seq model's weights. */
export interface Seq2SeqShape {
  /** Input string length (time steps the encoder reads). */
  inWidth: number;
  /** Answer length (time steps the decoder writes). */
  outWidth: number;
  /** Symbols in the problem's alphabet: the width of each one-hot input and of each softmax. */
  symbols: number;
  encoderUnits: number;
  decoderUnits: number;
  cell: Cell;
  /** How the encoder reads each symbol: its one-hot vector (the lesson), its code as one scaled number, or a learned embedding. */
  encoding: Encoding;
  /** Width of a learned embedding (used with `encoding: 'embedding'`). */
  embeddingSize: number;
  /** Stacked recurrent layers, 1–3 each. */
  encoderLayers: number;
  decoderLayers: number;
  /** `repeat`: the lesson's RepeatVector; `attention`: Luong attention over the encoder's outputs after the last decoder layer. */
  decoder: Decoder;
}

/** Gates per cell: LSTM i,f,c,o; GRU z,r,h (tfjs-layers order); SimpleRNN one. */
export function gateCount(cell: Cell): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** Trainable parameters of a model of this shape. */
export function parameterCount(s: Seq2SeqShape): number {
  const g = gateCount(s.cell);
  const layer = (input: number, units: number) => g * units * (input + units + 1);
  return (
    readerParameters(s) +
    layer(readWidth(s), s.encoderUnits) + (s.encoderLayers - 1) * layer(s.encoderUnits, s.encoderUnits) +
    layer(s.encoderUnits, s.decoderUnits) + (s.decoderLayers - 1) * layer(s.decoderUnits, s.decoderUnits) +
    attentionParameters(s) +
    s.decoderUnits * s.symbols + s.symbols
  );
}

/**
 * Trainable parameters of Luong attention ("general" score): `Wa [decoderUnits, encoderUnits]`
 * scores each encoder output against the decoder's state, and `Wc [encoderUnits + decoderUnits, decoderUnits]`
 * mixes the context with that state; no biases. None for the RepeatVector decoder.
 */
export function attentionParameters(s: Pick<Seq2SeqShape, 'decoder' | 'encoderUnits' | 'decoderUnits'>): number {
  return s.decoder === 'attention' ? s.decoderUnits * s.encoderUnits + (s.encoderUnits + s.decoderUnits) * s.decoderUnits : 0;
}

/** Width of what the first encoder layer reads per symbol. */
export function readWidth(s: Pick<Seq2SeqShape, 'encoding' | 'symbols' | 'embeddingSize'>): number {
  return s.encoding === 'onehot' ? s.symbols : s.encoding === 'integer' ? 1 : s.embeddingSize;
}

/** Trainable parameters of the input reading: the embedding table, or none. */
function readerParameters(s: Seq2SeqShape): number {
  return s.encoding === 'embedding' ? s.symbols * s.embeddingSize : 0;
}

/**
 * Multiply–adds of one training example (forward + backward ≈ 3× forward), in FLOPs.
 * Counts the matMuls only, which is what bounds the arithmetic.
 */
export function trainingFlopsPerExample(s: Seq2SeqShape): number {
  const g = gateCount(s.cell);
  const he = s.encoderUnits;
  const hd = s.decoderUnits;
  const read = readWidth(s);
  const forward =
    2 * s.inWidth * (s.encoding === 'embedding' ? s.symbols * read : 0) +
    2 * s.inWidth * (read * g * he + he * g * he) +
    2 * s.inWidth * (s.encoderLayers - 1) * (he * g * he + he * g * he) +
    2 * (he * g * hd + s.outWidth * hd * g * hd) +
    2 * s.outWidth * (s.decoderLayers - 1) * (hd * g * hd + hd * g * hd) +
    2 * s.outWidth * hd * s.symbols +
    (s.decoder === 'attention'
      ? // per answer position: state × Wa, scores against every encoder output, the context, and [context; state] × Wc
        2 * s.outWidth * (hd * he + he * s.inWidth + s.inWidth * he + (he + hd) * hd)
      : 0);
  return 3 * forward;
}

/** Most memory one training step may need (bytes); larger configs are refused before they can exhaust the tab. */
export const MAX_STEP_BYTES = 512 * 2 ** 20;

/** The seq2seq shape a config describes. */
export function shapeOf(c: Config): Seq2SeqShape {
  const spec = problemSpec(c);
  return {
    inWidth: spec.inWidth,
    outWidth: spec.outWidth,
    symbols: spec.alphabet.length,
    encoderUnits: c.encoderUnits,
    decoderUnits: c.decoderUnits,
    cell: c.cell,
    encoding: c.encoding,
    embeddingSize: c.embeddingSize,
    encoderLayers: c.encoderLayers,
    decoderLayers: c.decoderLayers,
    decoder: c.decoder,
  };
}

/** Trainable parameters of the seq2seq model a config describes. */
export const seq2seqParameters = (c: Config): number => parameterCount(shapeOf(c));

/**
 * Rough memory of one seq2seq training step, in bytes: every step's gate
 * activations and states kept for the backward pass, their gradients, and
 * the one-hot batch. Good to a factor of two; used to refuse configs that cannot fit.
 */
export function seq2seqStepBytes(c: Config): number {
  const s = shapeOf(c);
  const g = gateCount(s.cell);
  // Attention keeps per answer position its scores and weights over the input, the context and the mixed state.
  const attention = s.decoder === 'attention' ? s.outWidth * (2 * s.inWidth + 2 * s.encoderUnits + 2 * s.decoderUnits) : 0;
  const perRow =
    2 * (g + 3) * (s.encoderUnits * s.inWidth * s.encoderLayers + s.decoderUnits * s.outWidth * s.decoderLayers) +
    2 * s.symbols * (s.inWidth + s.outWidth) +
    2 * attention;
  return 4 * c.batchSize * perRow;
}

/**
 * A rough seq2seq time per epoch on a 2-core laptop (seconds): a fixed cost
 * per batch (kernel launches) plus the arithmetic at a few GFLOP/s. Shown before Train.
 */
export function seq2seqSecondsPerEpoch(c: Config): number {
  const batches = Math.ceil(c.examplesPerEpoch / c.batchSize);
  return batches * 0.005 + (c.examplesPerEpoch * trainingFlopsPerExample(shapeOf(c))) / 6e9;
}

/** Memory of a mapping model's training step (tiny), bytes. */
export const mappingStepBytes = (c: Config): number => 4 * c.batchSize * c.nNumbers * 200;

/** Trainable parameters of Act 1's LSTM(10) → Dense(1). */
export const mappingLstmParameters = (): number => 4 * MAPPING_LSTM_UNITS * (1 + MAPPING_LSTM_UNITS + 1) + MAPPING_LSTM_UNITS + 1;

/** Trainable parameters of Act 1's MLP for `nNumbers` inputs. */
export function mlpParameters(nNumbers: number): number {
  let inputs = nNumbers;
  let total = 0;
  for (const units of MLP_WIDTHS) {
    total += inputs * units + units;
    inputs = units;
  }
  return total;
}
