import * as tf from '@tensorflow/tfjs';

/**
 * A whole LSTM layer as one differentiable op, with hand-written
 * backpropagation through time.
 *
 * Recording every gate operation on tfjs's tape costs a kernel launch per
 * operation plus a copy of each tensor the gradient needs; for a network this
 * small that overhead, not arithmetic, is the training time. Here the forward
 * loop runs untaped (about 12 kernels a step) and the backward loop computes
 * the same gradients with about 17, so a training step launches roughly half
 * the kernels. The maths is exactly the Keras LSTM's (gate order i, f, c, o;
 * sigmoid gates, tanh cell); a unit test checks outputs and gradients against
 * `tf.layers.lstm`.
 *
 * @param x input projections plus bias: `[T, B, 4H]`, or `[B, 4H]` fed at every
 *   one of `steps` steps (a RepeatVector input, projected once).
 * @param recurrent the recurrent kernel `[H, 4H]`.
 * @param steps time steps to run.
 * @param returnSequences true: every step's `h`, `[T, B, H]`; false: the last `h`, `[B, H]`.
 */
export function lstmLayer(x: tf.Tensor, recurrent: tf.Tensor, steps: number, returnSequences: boolean): tf.Tensor {
  const repeated = x.rank === 2;
  const units = recurrent.shape[0];
  const forward = (xIn: tf.Tensor, u: tf.Tensor, save: tf.GradSaveFunc) => {
    const batch = (repeated ? xIn.shape[0] : xIn.shape[1]) as number;
    const xs = repeated ? [] : (tf.unstack(xIn) as tf.Tensor2D[]);
    const xAt = (t: number) => (repeated ? (xIn as tf.Tensor2D) : xs[t]);
    // tanh(z) = 2·sigmoid(2z) − 1: one fast sigmoid over all four gates.
    const gateScale = gateMatrix(batch, units, [1, 1, 2, 1]);
    const gateShift = gateMatrix(batch, units, [0, 0, -1, 0]);
    const acts: tf.Tensor2D[] = [];
    const cells: tf.Tensor2D[] = [];
    const tanhCells: tf.Tensor2D[] = [];
    const hs: tf.Tensor2D[] = [];
    let h: tf.Tensor2D | undefined;
    let c: tf.Tensor2D | undefined;
    for (let t = 0; t < steps; t++) {
      const z = h ? tf.add(xAt(t), tf.matMul(h, u as tf.Tensor2D)) : xAt(t);
      const a = tf.add(tf.mul(tf.sigmoid(tf.mul(z, gateScale)), gateScale), gateShift) as tf.Tensor2D;
      const [i, f, g, o] = tf.split(a, 4, 1) as tf.Tensor2D[];
      c = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
      const tc = tf.tanh(c);
      h = tf.mul(o, tc);
      acts.push(a);
      cells.push(c);
      tanhCells.push(tc);
      hs.push(h);
    }
    save([...acts, ...cells, ...tanhCells, ...hs]);
    const value = returnSequences ? tf.stack(hs) : h!;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const A = saved.slice(0, steps) as tf.Tensor2D[];
      const C = saved.slice(steps, 2 * steps) as tf.Tensor2D[];
      const TC = saved.slice(2 * steps, 3 * steps) as tf.Tensor2D[];
      const H = saved.slice(3 * steps, 4 * steps) as tf.Tensor2D[];
      const dys = returnSequences ? (tf.unstack(dy) as tf.Tensor2D[]) : [];
      // d(activation)/dz: a(1 − a) for the sigmoid gates, 1 − a² for the tanh gate.
      const sigmoidMask = gateMatrix(batch, units, [1, 1, 0, 1]);
      const tanhMask = gateMatrix(batch, units, [0, 0, 1, 0]);
      const zeros = tf.zeros([batch, units]) as tf.Tensor2D;
      // Uᵀ once, so each step's dh = dz·Uᵀ is a plain product (transposed products are slow on wasm).
      const uT = steps > 1 ? (tf.transpose(u) as tf.Tensor2D) : undefined;
      const dzs: tf.Tensor2D[] = new Array(steps);
      let dh: tf.Tensor2D = returnSequences ? dys[steps - 1] : (dy as tf.Tensor2D);
      let dc: tf.Tensor2D | undefined;
      for (let t = steps - 1; t >= 0; t--) {
        const [i, f, g, o] = tf.split(A[t], 4, 1) as tf.Tensor2D[];
        const tc = TC[t];
        const dcHere = tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tc)));
        const dcTotal = dc ? tf.add(dc, dcHere) : dcHere;
        const da = tf.concat([
          tf.mul(dcTotal, g),
          t > 0 ? tf.mul(dcTotal, C[t - 1]) : zeros,
          tf.mul(dcTotal, i),
          tf.mul(dh, tc),
        ], 1);
        const deriv = tf.sub(tf.add(tf.mul(A[t], sigmoidMask), tanhMask), tf.square(A[t]));
        const dz = tf.mul(da, deriv) as tf.Tensor2D;
        dzs[t] = dz;
        if (t > 0) {
          dc = tf.mul(dcTotal, f);
          dh = tf.matMul(dz, uT!);
          if (returnSequences) dh = tf.add(dh, dys[t - 1]);
        }
      }
      // dU = Σ_t h_{t−1}ᵀ dz_t, as one product over all steps after the first.
      const du = steps > 1
        ? tf.matMul(tf.concat(H.slice(0, steps - 1), 0), tf.concat(dzs.slice(1), 0), true, false)
        : tf.zerosLike(u);
      const dx = repeated ? tf.addN(dzs) : tf.stack(dzs);
      return [dx, du];
    };
    return { value, gradFunc };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, recurrent);
}

/**
 * A `[B, 4H]` matrix holding one value per gate block. Full-size rather than a
 * broadcast `[4H]` vector: the wasm backend's broadcasting elementwise ops are
 * several times slower than same-shape ones.
 */
function gateMatrix(batch: number, units: number, perGate: [number, number, number, number]): tf.Tensor2D {
  const v = new Float32Array(batch * 4 * units);
  for (let b = 0; b < batch; b++) {
    perGate.forEach((value, k) => v.fill(value, (b * 4 + k) * units, (b * 4 + k + 1) * units));
  }
  return tf.tensor2d(v, [batch, 4 * units]);
}
