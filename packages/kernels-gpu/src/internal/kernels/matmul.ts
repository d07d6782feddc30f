import { decompose, kernelSource, offset } from '../codegen';
import type { KernelSpec } from '../device';

/**
 * Batched matmul `[B, M, K] x [B, K, N] -> [B, M, N]`, each operand optionally stored transposed
 * (`transA`: a is `[B, K, M]`; `transB`: b is `[B, N, K]`), so backward passes need no transpose
 * copies. A batch of 1 broadcasts against the other operand's batch.
 */
export function matmulSpec(
  aShape: readonly number[],
  bShape: readonly number[],
  transA: boolean,
  transB: boolean,
): KernelSpec {
  const [Ba, a1, a2] = aShape;
  const [Bb, b1, b2] = bShape;
  const [M, K] = transA ? [a2, a1] : [a1, a2];
  const N = transB ? b1 : b2;
  const B = Math.max(Ba, Bb);
  const { lines, coords } = decompose([B, M, N], 'i', 'c');
  const [b, m, n] = coords;
  // Element (b, m, k) of a and (b, k, n) of b, as base offsets plus a per-k step.
  const aBase = offset([Ba === 1 ? '0' : b, m], [a1 * a2, transA ? 1 : K]);
  const aStep = transA ? M : 1;
  const bBase = offset([Bb === 1 ? '0' : b, n], [b1 * b2, transB ? K : 1]);
  const bStep = transB ? 1 : N;
  const body =
    K === 0
      ? ['return 0;']
      : [
          ...lines,
          `const ao = ${aBase};`,
          `const bo = ${bBase};`,
          'let acc = a0[ao] * a1[bo];',
          `for (let k = 1; k < ${K}; k++) {`,
          `  acc = acc + a0[ao + k * ${aStep}] * a1[bo + k * ${bStep}];`,
          '}',
          'return acc;',
        ];
  return { name: 'matmul', source: kernelSource(K === 0 ? 0 : 2, body), size: B * M * N };
}
