import seedrandom from 'seedrandom';

/** A seeded source of random numbers; the same seed gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer uniform in [lo, hi], both ends included. */
  int(lo: number, hi: number): number;
}

/** Creates a seeded generator (seedrandom's fast `alea` algorithm). */
export function createRng(seed: number | string): Rng {
  const prng = seedrandom.alea(String(seed));
  return {
    next: () => prng(),
    int: (lo, hi) => lo + Math.floor(prng() * (hi - lo + 1)),
  };
}
