import * as tf from '@tensorflow/tfjs';
import { MAPPING_LSTM_UNITS, MLP_WIDTHS } from '../core/mapping';
import type { RecurrentInit } from '../core/config';
import type { Rng } from '../core/random';
import { lstmLayer } from './lstm';
import { glorot, newModelScope, owned, recurrentLayer } from './seq2seq';

/** Act 1's models: addition as a mapping from normalised numbers to their normalised sum. */
export type MappingKind = 'mappingLstm' | 'mappingMlp';


export interface MappingModel {
  kind: MappingKind;
  nNumbers: number;
  variables: tf.Variable[];
  /** Normalised terms `[B, nNumbers]` → normalised sums `[B]`. */
  forward(x: tf.Tensor2D): tf.Tensor1D;
}

/**
 * `LSTM(10) → Dense(1)` reading the terms as `nNumbers` time steps of one
 * feature, or the MLP `Dense(4) → Dense(2) → Dense(1)` reading them at once.
 */
export function createMappingModel(kind: MappingKind, nNumbers: number, rng: Rng, recurrentInit: RecurrentInit = 'glorot'): MappingModel {
  if (!Number.isInteger(nNumbers) || nNumbers < 1) throw new Error(`Expected nNumbers to be a positive integer, got ${nNumbers}`);
  newModelScope();
  return BUILDERS[kind](nNumbers, rng, recurrentInit);
}

/** Each kind's builder; the MLP has no recurrent kernel, so `recurrentInit` leaves it as it is. */
const BUILDERS: Record<MappingKind, (nNumbers: number, rng: Rng, recurrentInit: RecurrentInit) => MappingModel> = {
  mappingLstm(nNumbers, rng, recurrentInit) {
    const kind = 'mappingLstm';
    const units = MAPPING_LSTM_UNITS;
    const layer = recurrentLayer(rng, 'lstm', 1, units, 'act1-lstm', recurrentInit);
    const kernel = owned(glorot(rng, units, 1), 'act1-lstm/dense/kernel');
    const bias = owned(tf.zeros([1]), 'act1-lstm/dense/bias');
    return {
      kind,
      nNumbers,
      variables: [layer.kernel, layer.recurrent, layer.bias, kernel, bias],
      forward: (x) => {
        const batch = x.shape[0];
        // Time-major steps of one feature: [n, B] → projections [n, B, 4H].
        const steps = tf.reshape(tf.transpose(x), [nNumbers * batch, 1]);
        const proj = tf.reshape(tf.add(tf.matMul(steps, layer.kernel), layer.bias), [nNumbers, batch, 4 * units]);
        const h = lstmLayer(proj, layer.recurrent, nNumbers, false) as tf.Tensor2D;
        return tf.reshape(tf.add(tf.matMul(h, kernel), bias), [batch]) as tf.Tensor1D;
      },
    };
  },
  mappingMlp(nNumbers, rng) {
    const kind = 'mappingMlp';
    const variables: tf.Variable[] = [];
    let width: number = nNumbers;
    MLP_WIDTHS.forEach((units, i) => {
      variables.push(owned(glorot(rng, width, units), `act1-mlp/dense${i}/kernel`), owned(tf.zeros([units]), `act1-mlp/dense${i}/bias`));
      width = units;
    });
    return {
      kind,
      nNumbers,
      variables,
      forward: (x) => {
        let y: tf.Tensor = x;
        for (let i = 0; i < variables.length; i += 2) y = tf.add(tf.matMul(y as tf.Tensor2D, variables[i] as tf.Tensor2D), variables[i + 1]);
        return tf.reshape(y, [x.shape[0]]) as tf.Tensor1D;
      },
    };
  },
};

