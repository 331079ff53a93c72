import { carryProfile, placeName } from './carries';
import type { Expression } from './expression';

/** Exact-match of one group of held-out sums (e.g. those with 2 carries). */
export interface GroupScore {
  /** The group: a carry count, or a longest-chain length. */
  key: number;
  count: number;
  right: number;
}

/** Where the held-out answers go wrong: by carries, by answer position, and which digit is written for which. */
export interface HeldOutAnalysis {
  /** Exact-match by number of carries (borrows); empty when the problem has none (products, mixed operators). */
  byCarries: GroupScore[];
  /** Exact-match by longest carry (borrow) chain. */
  byChain: GroupScore[];
  /** Accuracy of each answer position, units first: the share of answers with the right symbol there. */
  byPosition: { place: string; accuracy: number }[];
  /** `[position][expected digit][written digit]`, units first: counts of wrong digits only (the diagonal stays 0). */
  confusion: number[][][];
}

const groups = (keys: number[], right: boolean[]): GroupScore[] => {
  const by = new Map<number, GroupScore>();
  keys.forEach((key, i) => {
    const g = by.get(key) ?? { key, count: 0, right: 0 };
    g.count++;
    if (right[i]) g.right++;
    by.set(key, g);
  });
  return [...by.values()].sort((a, b) => a.key - b.key);
};

const isDigit = (c: string | undefined): c is string => c !== undefined && c >= '0' && c <= '9';

/**
 * Analyses answers (as shown: padded, the right way round) against the
 * expected ones for the same expressions. Positions count from the right, so
 * `units` is always the last symbol.
 */
export function analyse(expressions: readonly Pick<Expression, 'terms' | 'ops'>[], answers: readonly string[], expected: readonly string[]): HeldOutAnalysis {
  const right = expected.map((e, i) => answers[i] === e);
  const profiles = expressions.map((e) => carryProfile(e));
  const withCarries = profiles.every((p) => p !== undefined);
  const width = expected.reduce((w, e) => Math.max(w, e.length), 0);
  const at = (s: string, position: number) => s[s.length - 1 - position];
  const byPosition = Array.from({ length: width }, (_, p) => ({
    place: placeName(p),
    accuracy: expected.length ? expected.filter((e, i) => at(answers[i] ?? '', p) === at(e, p)).length / expected.length : 0,
  }));
  const confusion = Array.from({ length: width }, () => Array.from({ length: 10 }, () => Array<number>(10).fill(0)));
  expected.forEach((e, i) => {
    if (right[i]) return;
    for (let p = 0; p < width; p++) {
      const want = at(e, p);
      const got = at(answers[i] ?? '', p);
      if (isDigit(want) && isDigit(got) && want !== got) confusion[p][Number(want)][Number(got)]++;
    }
  });
  return {
    byCarries: withCarries ? groups(profiles.map((p) => p!.carries), right) : [],
    byChain: withCarries ? groups(profiles.map((p) => p!.longestChain), right) : [],
    byPosition,
    confusion,
  };
}
