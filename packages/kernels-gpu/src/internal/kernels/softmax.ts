import { decompose, kernelSource, offset } from '../codegen';
import type { KernelSpec } from '../device';

/** `exp(x - max)` over `[outer, n, inner]`; argument 1 holds the `[outer, inner]` maxima. */
export function shiftedExpSpec(outer: number, n: number, inner: number): KernelSpec {
  const { lines, coords } = decompose([outer, n, inner], 'i', 'c');
  const [o, , r] = coords;
  const m = offset([o, r], [inner, 1]);
  const body = [...lines, `return Math.exp(a0[i] - a1[${m}]);`];
  return { name: 'softmax', source: kernelSource(2, body), size: outer * n * inner };
}

/**
 * The last step of softmax over `[outer, n, inner]` from x (arg 0), the maxima (arg 1) and the
 * sums of `exp(x - max)` (arg 2): `exp(x - max) / sum`, or `x - max - log(sum)` for log-softmax.
 * Subtracting the max first keeps exp() finite for logits in the thousands.
 */
export function softmaxFinishSpec(outer: number, n: number, inner: number, log: boolean): KernelSpec {
  const { lines, coords } = decompose([outer, n, inner], 'i', 'c');
  const [o, , r] = coords;
  const m = offset([o, r], [inner, 1]);
  const expr = log ? `a0[i] - a1[${m}] - Math.log(a2[${m}])` : `Math.exp(a0[i] - a1[${m}]) / a2[${m}]`;
  return { name: 'softmax', source: kernelSource(3, [...lines, `return ${expr};`]), size: outer * n * inner };
}
