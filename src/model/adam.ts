import * as tf from '@tensorflow/tfjs';

/**
 * Adam over all of a model's weights at once.
 *
 * tfjs's `AdamOptimizer` updates each variable on its own: about seventeen
 * kernel launches per variable per step, so 136 of the 431 kernels of a step of
 * the tutorial model, for arithmetic that takes far less time than launching
 * them. This one joins the gradients into one vector, updates one pair of
 * moment vectors, and splits the step back: about 40 launches whatever the
 * number of variables. The maths is tfjs's (and Keras'):
 *
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²,
 *   w ← w − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * and a unit test checks its weights against `tf.train.adam`'s step by step.
 *
 * On wasm the whole step is one kernel (`CarryAdamStep`, below): a loop in
 * JavaScript over the weights, reading the gradients, moments and weights
 * through views of the wasm heap and writing new ones. Adam's arithmetic has
 * no exponentials, so a plain loop is faster than a dozen passes of tfjs's
 * element-wise kernels; other backends take the joined-vector path.
 */
export class FlatAdam {
  /** The rate the next step takes; the schedule changes it between batches, the moments kept. */
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private m: tf.Variable | undefined;
  private v: tf.Variable | undefined;
  private steps = 0;

  /** `epsilon` absent: the backend's own (1e-7 on wasm and cpu), as tfjs's Adam takes it. */
  constructor(learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon ?? tf.backend().epsilon();
  }

  /** The loss `f` returns, after one step of its gradients over `vars`. */
  minimize(f: () => tf.Scalar, vars: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(f, vars);
    this.applyGradients(vars.map((v) => grads[v.name]), vars);
    tf.dispose(Object.values(grads));
    return value;
  }

  /** One step: `grads[i]` is the gradient of `vars[i]`, of its shape. The grads are left to the caller. */
  applyGradients(grads: tf.Tensor[], vars: tf.Variable[]): void {
    this.steps++;
    const { beta1: b1, beta2: b2 } = this;
    if (tf.getKernel(ADAM_STEP, tf.getBackend())) {
      const size = vars.reduce((n, w) => n + w.size, 0);
      if (!this.m || !this.v || this.m.size !== size) {
        tf.dispose([this.m, this.v]);
        this.m = tf.tidy(() => tf.variable(tf.zeros([size]), false));
        this.v = tf.tidy(() => tf.variable(tf.zeros([size]), false));
      }
      const inputs: tf.NamedTensorMap = { m: this.m, v: this.v };
      vars.forEach((w, k) => {
        inputs[`g${k}`] = grads[k];
        inputs[`w${k}`] = w;
      });
      const attrs: StepAttrs = {
        count: vars.length,
        beta1: b1,
        beta2: b2,
        rate: this.learningRate,
        epsilon: this.epsilon,
        correction1: 1 - b1 ** this.steps,
        correction2: 1 - b2 ** this.steps,
      };
      const [m, v, ...weights] = tf.engine().runKernel(ADAM_STEP, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      this.m.assign(m);
      this.v.assign(v);
      vars.forEach((w, k) => w.assign(weights[k]));
      tf.dispose([m, v, ...weights]);
      return;
    }
    tf.tidy(() => {
      const g = tf.concat(grads.map((x) => tf.reshape(x, [-1])));
      if (!this.m || !this.v || this.m.size !== g.size) {
        tf.dispose([this.m, this.v]);
        this.m = tf.variable(tf.zerosLike(g), false);
        this.v = tf.variable(tf.zerosLike(g), false);
      }
      const m = tf.add(tf.mul(this.m, b1), tf.mul(g, 1 - b1));
      const v = tf.add(tf.mul(this.v, b2), tf.mul(tf.square(g), 1 - b2));
      this.m.assign(m);
      this.v.assign(v);
      const mHat = tf.div(m, 1 - b1 ** this.steps);
      const vHat = tf.div(v, 1 - b2 ** this.steps);
      const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -this.learningRate);
      const pieces = tf.split(step, vars.map((w) => w.size));
      vars.forEach((w, i) => w.assign(tf.add(w, tf.reshape(pieces[i], w.shape))));
    });
  }

  /** Frees the moments. */
  dispose(): void {
    tf.dispose([this.m, this.v]);
    this.m = this.v = undefined;
  }
}

/** The one-kernel Adam step's name, and what it is told besides its tensors. */
const ADAM_STEP = 'CarryAdamStep';
interface StepAttrs {
  /** How many weights: inputs `g0`…, `w0`… (gradient and weight of each), and `m`, `v` (the joined moments). */
  count: number;
  beta1: number;
  beta2: number;
  rate: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ. */
  correction1: number;
  correction2: number;
}

/** What the step uses of the wasm backend. */
interface WasmBackend extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * The step on wasm: outputs `[m, v, w0, w1, …]`, new tensors (the inputs are
 * not written). Every output is allocated before the heap is viewed: an
 * allocation can grow the wasm memory, which detaches earlier views.
 */
const adamStepOnWasm: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as unknown as WasmBackend;
  const a = attrs as unknown as StepAttrs;
  const tensors = inputs as unknown as Record<string, tf.TensorInfo>;
  const { m, v } = tensors;
  const weights = Array.from({ length: a.count }, (_, k) => tensors[`w${k}`]);
  const outs = [be.makeOutput(m.shape, 'float32'), be.makeOutput(v.shape, 'float32'), ...weights.map((w) => be.makeOutput(w.shape, 'float32'))];
  const M = be.typedArrayFromHeap(m);
  const V = be.typedArrayFromHeap(v);
  const newM = be.typedArrayFromHeap(outs[0]);
  const newV = be.typedArrayFromHeap(outs[1]);
  const { beta1: b1, beta2: b2, rate, epsilon, correction1: c1, correction2: c2 } = a;
  let at = 0;
  for (let k = 0; k < a.count; k++) {
    const G = be.typedArrayFromHeap(tensors[`g${k}`]);
    const W = be.typedArrayFromHeap(weights[k]);
    const newW = be.typedArrayFromHeap(outs[2 + k]);
    for (let j = 0; j < G.length; j++, at++) {
      const g = G[j];
      const mj = b1 * M[at] + (1 - b1) * g;
      const vj = b2 * V[at] + (1 - b2) * g * g;
      newM[at] = mj;
      newV[at] = vj;
      newW[j] = W[j] - (rate * (mj / c1)) / (Math.sqrt(vj / c2) + epsilon);
    }
  }
  return outs;
};

if (!tf.getKernel(ADAM_STEP, 'wasm')) tf.registerKernel({ kernelName: ADAM_STEP, backendName: 'wasm', kernelFunc: adamStepOnWasm });
