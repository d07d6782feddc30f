import type { ReduceOp } from '@llm/tensor';
import { decompose, isNaNExpr, kernelSource, lit, offset } from '../codegen';
import type { KernelSpec } from '../device';

/**
 * How many values one thread folds per pass. Sums, products, maxima and minima run as a tree of
 * passes, each folding at most `REDUCE_GROUP` values sequentially, so a float32 sum of n values
 * carries about `REDUCE_GROUP * log_REDUCE_GROUP(n)` roundings instead of the n of a naive loop
 * (and sums compensate within each fold). 1e7 followed by 1e6 values of 0.1 sums within 1e-7
 * relative, where one sequential float32 loop is off by 1%.
 */
export const REDUCE_GROUP = 16;

/** The fold of one value `v` into the accumulator `acc` for each tree-reducible op. */
const FOLD: Record<'sum' | 'prod' | 'max' | 'min', (acc: string, v: string) => string> = {
  sum: (acc, v) => `${acc} + ${v}`,
  prod: (acc, v) => `${acc} * ${v}`,
  max: (acc, v) => `(${v} > ${acc} || ${isNaNExpr(v)} ? ${v} : ${acc})`,
  min: (acc, v) => `(${v} < ${acc} || ${isNaNExpr(v)} ? ${v} : ${acc})`,
};

/** The value of an empty reduction (`sum` of nothing is 0, `prod` is 1). */
const EMPTY: Record<ReduceOp, number> = {
  sum: 0,
  prod: 1,
  max: Number.NaN,
  min: Number.NaN,
  argmax: 0,
  argmin: 0,
};

/**
 * One pass over `[outer, n, inner]`: output `[outer, ceil(n / group), inner]`, each value the fold
 * of up to `group` consecutive values along the middle dim.
 */
export function foldPassSpec(
  op: 'sum' | 'prod' | 'max' | 'min',
  outer: number,
  n: number,
  inner: number,
  group: number,
): KernelSpec {
  const m = Math.ceil(n / group);
  const { lines, coords } = decompose([outer, m, inner], 'i', 'c');
  const [o, g, r] = coords;
  const base = offset([o, g, r], [n * inner, group * inner, 1]);
  const ragged = n % group !== 0;
  // Sums carry Neumaier's compensation term: each pass's partials are then accurate to about
  // one rounding whatever their magnitudes. (GL drivers may fold the compensation away; the
  // tree of short folds still bounds the error there.)
  const fold =
    op === 'sum'
      ? [
          '    const t = acc + v;',
          '    comp = comp + (Math.abs(acc) >= Math.abs(v) ? (acc - t) + v : (v - t) + acc);',
          '    acc = t;',
        ]
      : [`    acc = ${FOLD[op]('acc', 'v')};`];
  // The first value seeds the accumulator, so its type (float) is inferred by gpu.js from a read.
  const body = [
    ...lines,
    `const base = ${base};`,
    'let acc = a0[base];',
    ...(op === 'sum' ? ['let comp = acc - acc;'] : []),
    `for (let k = 1; k < ${Math.min(group, n)}; k++) {`,
    ragged ? `  if (${g} * ${group} + k < ${n}) {` : '  {',
    `    const v = a0[base + k * ${inner}];`,
    ...fold,
    '  }',
    '}',
    op === 'sum' ? 'return acc + comp;' : 'return acc;',
  ];
  return { name: 'reduce', source: kernelSource(1, body), size: outer * m * inner };
}

/** argmax/argmin along the middle dim of `[outer, n, inner]`: first index of the extreme, NaN wins. */
export function argPassSpec(op: 'argmax' | 'argmin', outer: number, n: number, inner: number): KernelSpec {
  const { lines, coords } = decompose([outer, inner], 'i', 'c');
  const [o, r] = coords;
  const better = op === 'argmax' ? '>' : '<';
  const body = [
    ...lines,
    `const base = ${offset([o, r], [n * inner, 1])};`,
    'let best = a0[base];',
    'let at = 0;',
    `for (let k = 1; k < ${n}; k++) {`,
    `  const v = a0[base + k * ${inner}];`,
    // Once best is NaN nothing replaces it: the cpu loop stops at the first NaN.
    '  if (best < 0 || best >= 0) {',
    `    if (v ${better} best || ${isNaNExpr('v')}) {`,
    '      best = v;',
    '      at = k;',
    '    }',
    '  }',
    '}',
    'return at;',
  ];
  return { name: 'reduce', source: kernelSource(1, body), size: outer * inner };
}

/** A kernel that fills `size` values with `value` (empty reductions, padding of empty inputs). */
export function fillSpec(name: string, size: number, value: number): KernelSpec {
  return { name, source: kernelSource(0, [`return ${lit(value)};`]), size };
}

/** The value an empty reduction produces. */
export function emptyReduction(op: ReduceOp): number {
  return EMPTY[op];
}
