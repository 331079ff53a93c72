/**
 * Arithmetic expressions as Carry's problems write them: whole numbers joined
 * by `+`, `-` and `*`, with at most one pair of brackets. Exact integer
 * arithmetic with the usual precedence (`*` before `+` and `-`, left to right).
 */

/** The operators a problem can use, in the order their symbols take in an alphabet. */
export const OPERATORS = ['+', '-', '*'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One expression: `terms[i] ops[i] terms[i+1] …`, optionally with the terms `group[0]..group[1]` in brackets. */
export interface Expression {
  terms: number[];
  /** `ops[i]` stands between `terms[i]` and `terms[i + 1]`. */
  ops: Operator[];
  /** Indices of the first and last bracketed terms (inclusive), if any. */
  group?: readonly [number, number];
  /** The exact value. */
  value: number;
}

/** A parsed expression tree. */
type Node = { term: number } | { op: Operator; left: Node; right: Node };

/** Builds the tree of an expression's structure (precedence and brackets applied). */
function tree(terms: readonly number[], ops: readonly Operator[], group?: readonly [number, number]): Node {
  // Collapse the bracketed run first, then parse the flat list: sums of products.
  const items: Node[] = terms.map((term) => ({ term }));
  let between = ops.slice();
  if (group) {
    const [a, b] = group;
    const inner = tree(terms.slice(a, b + 1), ops.slice(a, b));
    items.splice(a, b - a + 1, inner);
    between = [...ops.slice(0, a), ...ops.slice(b)];
  }
  return flat(items, between);
}

function flat(items: Node[], ops: readonly Operator[]): Node {
  // Products first (left to right), then sums and differences (left to right).
  const factors: Node[] = [items[0]];
  const additive: Operator[] = [];
  ops.forEach((op, i) => {
    if (op === '*') factors[factors.length - 1] = { op, left: factors[factors.length - 1], right: items[i + 1] };
    else {
      additive.push(op);
      factors.push(items[i + 1]);
    }
  });
  return additive.reduce<Node>((left, op, i) => ({ op, left, right: factors[i + 1] }), factors[0]);
}

function evalNode(n: Node): number {
  if ('term' in n) return n.term;
  const a = evalNode(n.left);
  const b = evalNode(n.right);
  return n.op === '+' ? a + b : n.op === '-' ? a - b : a * b;
}

/** The exact value of terms joined by operators, with an optional bracketed run. */
export function evaluate(terms: readonly number[], ops: readonly Operator[], group?: readonly [number, number]): number {
  return evalNode(tree(terms, ops, group));
}

/**
 * The least and greatest value of an expression of this structure when every
 * term ranges over `[lo, hi]`. Exact: each term appears once, so interval
 * arithmetic is tight, and the extremes are met at whole-number corners.
 */
export function valueRange(count: number, ops: readonly Operator[], group: readonly [number, number] | undefined, lo: number, hi: number): [number, number] {
  const range = (n: Node): [number, number] => {
    if ('term' in n) return [lo, hi];
    const [a, b] = range(n.left);
    const [c, d] = range(n.right);
    if (n.op === '+') return [a + c, b + d];
    if (n.op === '-') return [a - d, b - c];
    const corners = [a * c, a * d, b * c, b * d];
    return [Math.min(...corners), Math.max(...corners)];
  };
  return range(tree(Array.from({ length: count }, () => 0), ops, group));
}

/** The expression as text, e.g. `3*(4+5)`; each term left-padded with spaces to `termWidth` when given. */
export function formatExpression(e: Pick<Expression, 'terms' | 'ops' | 'group'>, termWidth = 0): string {
  let text = '';
  e.terms.forEach((t, i) => {
    if (i > 0) text += e.ops[i - 1];
    if (e.group?.[0] === i) text += '(';
    text += String(t).padStart(termWidth, ' ');
    if (e.group?.[1] === i) text += ')';
  });
  return text;
}

/** Every operator sequence of length `k` over `operators`. */
export function operatorSequences(operators: readonly Operator[], k: number): Operator[][] {
  let out: Operator[][] = [[]];
  for (let i = 0; i < k; i++) out = out.flatMap((seq) => operators.map((op) => [...seq, op]));
  return out;
}

/** Every bracketed run a problem may use for `count` terms: two or more terms, never all of them. */
export function bracketGroups(count: number): [number, number][] {
  const groups: [number, number][] = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) if (b - a + 1 < count) groups.push([a, b]);
  return groups;
}
