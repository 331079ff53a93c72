import { describe, expect, it } from 'vitest';
import { normals, orthogonal, orthogonalBlocks } from '../../../src/core/orthogonal';
import { createRng } from '../../../src/core/random';

/** W Wᵀ for a row-major [rows, cols] matrix. */
function gram(w: Float32Array, rows: number, cols: number, byRows: boolean): number[][] {
  const n = byRows ? rows : cols;
  const at = (i: number, k: number) => (byRows ? w[i * cols + k] : w[k * cols + i]);
  const len = byRows ? cols : rows;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < len; k++) s += at(i, k) * at(j, k);
      return s;
    }),
  );
}

function expectIdentity(g: number[][], tolerance = 1e-5): void {
  g.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(tolerance)));
}

describe('orthogonal initialisation', () => {
  it("an LSTM recurrent kernel [H, 4H] has orthonormal rows (W Wᵀ = I), as Keras' Orthogonal makes it", () => {
    const [h, cols] = [50, 200];
    const w = orthogonal(createRng('o'), h, cols);
    expect(w).toBeInstanceOf(Float32Array);
    expect(w.length).toBe(h * cols);
    expectIdentity(gram(w, h, cols, true));
  });

  it('a wide kernel uses every column: none is zero, and its squares sum to its rows (a projection of rank rows)', () => {
    const [h, cols] = [6, 24];
    const w = orthogonal(createRng('w'), h, cols);
    for (let c = 0; c < cols; c++) expect(Math.max(...Array.from({ length: h }, (_, r) => Math.abs(w[r * cols + c]))), `column ${c}`).toBeGreaterThan(1e-6);
    expect(w.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(h, 4);
  });

  it('a tall matrix has orthonormal columns, and a square one is orthogonal both ways', () => {
    expectIdentity(gram(orthogonal(createRng(2), 30, 7), 30, 7, false));
    const square = orthogonal(createRng(3), 24, 24);
    expectIdentity(gram(square, 24, 24, true));
    expectIdentity(gram(square, 24, 24, false));
  });

  it('a large square matrix (worse conditioned than a wide one) is orthogonal to float precision', () => {
    expectIdentity(gram(orthogonal(createRng(6), 160, 160), 160, 160, true));
  });

  it('a GRU kernel [H, 3H] of odd size and a 1-unit one are orthonormal too', () => {
    expectIdentity(gram(orthogonal(createRng(4), 5, 15), 5, 15, true));
    expectIdentity(gram(orthogonal(createRng(5), 1, 4), 1, 4, true));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(orthogonal(createRng(7), 10, 40)).toEqual(orthogonal(createRng(7), 10, 40));
    expect(orthogonal(createRng(8), 10, 40)).not.toEqual(orthogonal(createRng(7), 10, 40));
  });

  it('scales by the gain', () => {
    const one = orthogonal(createRng(9), 6, 24);
    const two = orthogonal(createRng(9), 6, 24, 2);
    two.forEach((v, i) => expect(v).toBeCloseTo(2 * one[i], 6));
  });

  it("keeps Keras' sign convention: the QR's R has a positive diagonal, so row i of W has a positive dot with the normal matrix's column i", () => {
    // W [rows, cols] is Qᵀ of the [cols, rows] normal matrix A = Q R with diag(R) > 0: (Qᵀ A)[i][i] = R[i][i] > 0.
    const [rows, cols] = [4, 16];
    const a = normals(createRng(11), rows * cols); // A [cols, rows], row-major, as orthogonal draws it
    const w = orthogonal(createRng(11), rows, cols);
    for (let i = 0; i < rows; i++) {
      let r = 0;
      for (let k = 0; k < cols; k++) r += w[i * cols + k] * a[k * rows + i];
      expect(r).toBeGreaterThan(0);
      // And R is upper triangular: row i of W is orthogonal to A's earlier columns.
      for (let j = 0; j < i; j++) {
        let below = 0;
        for (let k = 0; k < cols; k++) below += w[i * cols + k] * a[k * rows + j];
        expect(Math.abs(below)).toBeLessThan(1e-5);
      }
    }
  });

  it('refuses a shape that is not positive and whole', () => {
    expect(() => orthogonal(createRng(1), 0, 4)).toThrow(/positive whole shape/);
    expect(() => orthogonal(createRng(1), 2.5, 4)).toThrow(/positive whole shape/);
  });
});

describe('seeded normals', () => {
  it('take two draws per pair, so an even count uses as many draws as it has values', () => {
    let draws = 0;
    const rng = createRng('n');
    const counting = { next: () => (draws++, rng.next()), int: rng.int };
    normals(counting, 10);
    expect(draws).toBe(10);
    normals(counting, 3);
    expect(draws).toBe(14);
  });

  it('are Box–Muller pairs of the generator\'s draws: cosine first, then sine', () => {
    const raw = createRng('bm');
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) {
      const radius = Math.sqrt(-2 * Math.log(1 - raw.next()));
      const angle = 2 * Math.PI * raw.next();
      expected.push(radius * Math.cos(angle), radius * Math.sin(angle));
    }
    expect(Array.from(normals(createRng('bm'), 3))).toEqual(expected.slice(0, 3));
    expect(Array.from(normals(createRng('bm'), 4))).toEqual(expected);
  });

  it('are about standard normal', () => {
    const xs = normals(createRng('m'), 20_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('orthogonal gate blocks', () => {
  /** Block b ([rows, rows]) of a [rows, blocks × rows] matrix, row-major. */
  const block = (w: Float32Array, rows: number, blocks: number, b: number) =>
    Float32Array.from({ length: rows * rows }, (_, k) => w[Math.floor(k / rows) * rows * blocks + b * rows + (k % rows)]);

  it.each([[4, 12], [3, 7], [1, 1]])('every one of %i square blocks of side %i is orthogonal both ways', (blocks, rows) => {
    const w = orthogonalBlocks(createRng('g'), rows, blocks);
    expect(w.length).toBe(rows * rows * blocks);
    for (let b = 0; b < blocks; b++) {
      const m = block(w, rows, blocks, b);
      expectIdentity(gram(m, rows, rows, true));
      expectIdentity(gram(m, rows, rows, false));
    }
  });

  it('the blocks are orthogonal matrices drawn one after the other, as many draws as the whole kernel', () => {
    const rng = createRng('h');
    const [a, b] = [orthogonal(rng, 5, 5), orthogonal(rng, 5, 5)];
    const w = orthogonalBlocks(createRng('h'), 5, 2);
    expect(block(w, 5, 2, 0)).toEqual(a);
    expect(block(w, 5, 2, 1)).toEqual(b);
    let draws = 0;
    const counting = createRng('i');
    orthogonalBlocks({ next: () => (draws++, counting.next()), int: counting.int }, 6, 4);
    expect(draws).toBe(6 * 24);
  });

  it('refuses a block count that is not positive and whole', () => {
    expect(() => orthogonalBlocks(createRng(1), 3, 0)).toThrow(/positive whole number of blocks/);
    expect(() => orthogonalBlocks(createRng(1), 3, 1.5)).toThrow(/positive whole number of blocks/);
  });
});
