import * as tf from '@tensorflow/tfjs';

/** `tensors` as one flat vector, in order (each reshaped, then concatenated). */
export function joinFlat(tensors: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.concat(tensors.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
}

/** `flat` cut back into pieces of `like`'s sizes and shapes, in order: `joinFlat`'s inverse. */
export function splitLike(flat: tf.Tensor, like: readonly tf.Tensor[]): tf.Tensor[] {
  return tf.split(flat, like.map((t) => t.size)).map((piece, i) => tf.reshape(piece, like[i].shape));
}

/**
 * Adam over all of a model's weights at once.
 *
 * tfjs's `AdamOptimizer` updates each variable on its own: about seventeen
 * kernel launches per variable per step, so 136 of the 431 kernels of a step of
 * the tutorial model, for arithmetic that takes far less time than launching
 * them. This one joins the gradients into one vector, updates one pair of
 * moment vectors, and splits the step back: about 14 launches, and 4 per
 * variable to join and split (a reshape each way, the add, and no more). The
 * maths is tfjs's (and Keras'):
 *
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²,
 *   w ← w − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * and a unit test checks its weights against `tf.train.adam`'s step by step.
 */
export class FlatAdam {
  /** The rate the next step takes; the schedule changes it between batches, the moments kept. */
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: tf.Variable | undefined;
  private v: tf.Variable | undefined;
  /** β₁ᵗ and β₂ᵗ as tfjs keeps them: float32, multiplied by β once a step (so the bias corrections, and every step, match its Adam's bit for bit). */
  private accBeta1: number;
  private accBeta2: number;

  /** `epsilon` absent: the backend's own (1e-7 on wasm and cpu), as tfjs's Adam takes it. */
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.accBeta1 = Math.fround(beta1);
    this.accBeta2 = Math.fround(beta2);
  }

  /** The loss `f` returns, after one step of its gradients over `vars`. */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar {
    const { value, grads } = FlatAdam.gradients(f, vars);
    this.applyGradients(grads, vars);
    tf.dispose(grads);
    return value;
  }

  /** The loss `f` returns and its gradient for each of `vars`, in their order; every one must be reached by `f`. */
  static gradients(f: () => tf.Scalar, vars: tf.Variable[]): { value: tf.Scalar; grads: tf.Tensor[] } {
    const { value, grads } = tf.variableGrads(f, vars);
    const missing = vars.find((v) => !grads[v.name]);
    if (missing) {
      tf.dispose([value, ...Object.values(grads)]);
      throw new Error(`FlatAdam: the loss does not reach ${missing.name}`);
    }
    return { value, grads: vars.map((v) => grads[v.name]) };
  }

  /** One step: `grads[i]` is the gradient of `vars[i]`, of its shape. The grads are left to the caller. */
  applyGradients(grads: tf.Tensor[], vars: tf.Variable[]): void {
    const { beta1: b1, beta2: b2 } = this;
    tf.tidy(() => {
      const g = joinFlat(grads);
      // The same variables, in the same order, at every step (as the trainer gives them); other weights start afresh.
      if (!this.m || !this.v || this.m.size !== g.size) {
        tf.dispose([this.m, this.v]);
        this.m = tf.variable(tf.zerosLike(g), false);
        this.v = tf.variable(tf.zerosLike(g), false);
        this.accBeta1 = Math.fround(b1);
        this.accBeta2 = Math.fround(b2);
      }
      const m = tf.add(tf.mul(this.m, b1), tf.mul(g, 1 - b1));
      const v = tf.add(tf.mul(this.v, b2), tf.mul(tf.square(g), 1 - b2));
      this.m.assign(m);
      this.v.assign(v);
      const mHat = tf.div(m, Math.fround(1 - this.accBeta1));
      const vHat = tf.div(v, Math.fround(1 - this.accBeta2));
      const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      const pieces = splitLike(step, vars);
      vars.forEach((w, i) => w.assign(tf.add(pieces[i], w)));
    });
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(b1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(b2));
  }

  /** Frees the moments. */
  dispose(): void {
    tf.dispose([this.m, this.v]);
    this.m = this.v = undefined;
  }
}
