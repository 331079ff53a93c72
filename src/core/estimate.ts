import type { Cell, Config } from './config';
import { MAPPING_LSTM_UNITS, MLP_WIDTHS } from './mapping';
import { inputWidth, outputWidth } from './widths';

/** Width of a one-hot symbol vector (the alphabet `0123456789+ `). */
const N_SYMBOLS = 12;

/** The sizes that fix a seq2seq model's weights. */
export interface Seq2SeqShape {
  /** Input string length (time steps the encoder reads). */
  inWidth: number;
  /** Answer length (time steps the decoder writes). */
  outWidth: number;
  encoderUnits: number;
  decoderUnits: number;
  cell: Cell;
}

/** Gates per cell: LSTM i,f,c,o; GRU z,r,h (tfjs-layers order); SimpleRNN one. */
export function gateCount(cell: Cell): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** Trainable parameters of a model of this shape. */
export function parameterCount(s: Seq2SeqShape): number {
  const g = gateCount(s.cell);
  const layer = (input: number, units: number) => g * units * (input + units + 1);
  return layer(N_SYMBOLS, s.encoderUnits) + layer(s.encoderUnits, s.decoderUnits) + s.decoderUnits * N_SYMBOLS + N_SYMBOLS;
}

/**
 * Multiply–adds of one training example (forward + backward ≈ 3× forward), in FLOPs.
 * Counts the matMuls only, which is what bounds the arithmetic.
 */
export function trainingFlopsPerExample(s: Seq2SeqShape): number {
  const g = gateCount(s.cell);
  const he = s.encoderUnits;
  const hd = s.decoderUnits;
  const forward =
    2 * s.inWidth * (N_SYMBOLS * g * he + he * g * he) +
    2 * (he * g * hd + s.outWidth * hd * g * hd) +
    2 * s.outWidth * hd * N_SYMBOLS;
  return 3 * forward;
}

/** Most memory one training step may need (bytes); larger configs are refused before they can exhaust the tab. */
export const MAX_STEP_BYTES = 512 * 2 ** 20;

/** The seq2seq shape a config describes. */
export function shapeOf(c: Config): Seq2SeqShape {
  return { inWidth: inputWidth(c), outWidth: outputWidth(c), encoderUnits: c.encoderUnits, decoderUnits: c.decoderUnits, cell: c.cell };
}

/**
 * Rough memory of one training step, in bytes: every step's gate activations
 * and states kept for the backward pass, their gradients, and the one-hot
 * batch. Good to a factor of two; used to refuse configs that cannot fit.
 */
export function stepBytes(c: Config): number {
  if (c.model !== 'seq2seq') return 4 * c.batchSize * c.nNumbers * 200;
  const s = shapeOf(c);
  const g = gateCount(s.cell);
  const perRow = 2 * (g + 3) * (s.encoderUnits * s.inWidth + s.decoderUnits * s.outWidth) + 2 * N_SYMBOLS * (s.inWidth + s.outWidth);
  return 4 * c.batchSize * perRow;
}

/**
 * A rough time per epoch on a 2-core laptop (seconds): a fixed cost per batch
 * (kernel launches) plus the arithmetic at a few GFLOP/s. Shown before Train.
 */
export function secondsPerEpoch(c: Config): number {
  const batches = Math.ceil(c.examplesPerEpoch / c.batchSize);
  if (c.model !== 'seq2seq') return batches * 0.001;
  return batches * 0.005 + (c.examplesPerEpoch * trainingFlopsPerExample(shapeOf(c))) / 6e9;
}

/** Trainable parameters of the model a config describes (any act). */
export function configParameters(c: Config): number {
  if (c.model === 'mappingLstm') return 4 * MAPPING_LSTM_UNITS * (1 + MAPPING_LSTM_UNITS + 1) + MAPPING_LSTM_UNITS + 1;
  if (c.model === 'mappingMlp') {
    let inputs = c.nNumbers;
    let total = 0;
    for (const units of MLP_WIDTHS) {
      total += inputs * units + units;
      inputs = units;
    }
    return total;
  }
  return parameterCount(shapeOf(c));
}
