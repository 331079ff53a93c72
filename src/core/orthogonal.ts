import type { Rng } from './random';

/**
 * Standard normal values from the seeded generator (Box–Muller, both values of
 * each pair used): `count` values take `2 × ceil(count / 2)` draws, so an even
 * count takes exactly as many as Glorot-uniform values of the same count, and
 * whatever is drawn after them is the same either way.
 */
export function normals(rng: Rng, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 - u is in (0, 1]: no log(0).
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const angle = 2 * Math.PI * rng.next();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/**
 * A seeded orthogonal `[rows, cols]` matrix, row-major, as Keras'
 * `Orthogonal` initializer (gain 1) makes one: a normal matrix of shape
 * `[max, min]` of the two, the Q of its QR decomposition with R's diagonal
 * made positive (Keras multiplies Q by the signs of that diagonal; Gram–Schmidt
 * gives that Q directly), transposed when there are fewer rows than columns.
 * So for an LSTM's recurrent kernel `[H, 4H]` the H rows are orthonormal: W Wᵀ = I.
 * Computed in doubles (modified Gram–Schmidt: its loss of orthogonality, about
 * 1e-16 × the condition number of a normal matrix, is far below float precision),
 * returned as floats. A [512, 2048] kernel takes about a second.
 */
export function orthogonal(rng: Rng, rows: number, cols: number, gain = 1): Float32Array {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new Error(`Expected a positive whole shape, got [${rows}, ${cols}]`);
  }
  const tall = Math.max(rows, cols);
  const narrow = Math.min(rows, cols);
  // a[i * narrow + j]: the normal matrix [tall, narrow], row-major; its columns become Q's.
  const a = normals(rng, tall * narrow);
  const column = (j: number) => Float64Array.from({ length: tall }, (_, i) => a[i * narrow + j]);
  const q: Float64Array[] = [];
  for (let j = 0; j < narrow; j++) {
    const v = column(j);
    for (const u of q) {
      let dot = 0;
      for (let i = 0; i < tall; i++) dot += u[i] * v[i];
      for (let i = 0; i < tall; i++) v[i] -= dot * u[i];
    }
    let norm = 0;
    for (let i = 0; i < tall; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    // A normal matrix is of full rank with probability 1; a zero column here would mean a broken generator.
    if (!(norm > 0)) throw new Error('orthogonal: the random matrix is not of full rank');
    for (let i = 0; i < tall; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < tall; i++) {
    for (let j = 0; j < narrow; j++) {
      // Q is [tall, narrow]; with rows < cols the result is its transpose.
      const at = rows >= cols ? i * cols + j : j * cols + i;
      out[at] = gain * q[j][i];
    }
  }
  return out;
}

/**
 * A `[rows, blocks × rows]` matrix of `blocks` square orthogonal blocks side by
 * side, row-major: each gate of a fused recurrent kernel orthogonal on its own
 * (as many PyTorch models initialise `weight_hh`), so each gate's recurrent
 * map keeps lengths, where one orthogonal `[H, 4H]` (Keras) shares them out
 * among the gates. Takes the same draws as `orthogonal` of that shape.
 */
export function orthogonalBlocks(rng: Rng, rows: number, blocks: number, gain = 1): Float32Array {
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`Expected a positive whole number of blocks, got ${blocks}`);
  const cols = rows * blocks;
  const out = new Float32Array(rows * cols);
  for (let b = 0; b < blocks; b++) {
    const block = orthogonal(rng, rows, rows, gain);
    for (let i = 0; i < rows; i++) out.set(block.subarray(i * rows, (i + 1) * rows), i * cols + b * rows);
  }
  return out;
}
