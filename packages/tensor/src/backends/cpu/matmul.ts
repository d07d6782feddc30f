import type { KernelTensor } from '../../backend';
import { allocate, type TypedArray } from '../../dtype';

/**
 * Batched matmul on plain JS loops, accumulating in float64 and rounding once per output.
 * - `b` not transposed: i-k-j order with k unrolled by 4, so the inner loop streams four rows of
 *   `b` and one output row contiguously.
 * - `b` transposed (as in backward passes and `linear`): each output is a dot product of two
 *   contiguous rows, with four partial sums.
 * Transposed operands are read through strides, never copied.
 */
export function matmul(a: KernelTensor, b: KernelTensor, transA: boolean, transB: boolean): TypedArray {
  const x = a.data as TypedArray;
  const y = b.data as TypedArray;
  const [B, ar, ac] = a.shape;
  const [, br, bc] = b.shape;
  const M = transA ? ac : ar;
  const K = transA ? ar : ac;
  const N = transB ? br : bc;
  // Element (i, k) of op(a) is at i*sai + k*sak.
  const sai = transA ? 1 : K;
  const sak = transA ? M : 1;
  const out = allocate(a.dtype, B * M * N);
  const row = new Float64Array(N);
  for (let bi = 0; bi < B; bi++) {
    const ao = bi * M * K;
    const bo = bi * K * N;
    const oo = bi * M * N;
    if (transB && !transA) {
      for (let i = 0; i < M; i++) {
        const ai = ao + i * K;
        for (let j = 0; j < N; j++) {
          const bj = bo + j * K;
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          let k = 0;
          for (; k + 3 < K; k += 4) {
            s0 += x[ai + k] * y[bj + k];
            s1 += x[ai + k + 1] * y[bj + k + 1];
            s2 += x[ai + k + 2] * y[bj + k + 2];
            s3 += x[ai + k + 3] * y[bj + k + 3];
          }
          for (; k < K; k++) s0 += x[ai + k] * y[bj + k];
          out[oo + i * N + j] = s0 + s1 + s2 + s3;
        }
      }
      continue;
    }
    // Element (k, j) of op(b) is at k*sbk + j*sbj.
    const sbk = transB ? 1 : N;
    const sbj = transB ? K : 1;
    for (let i = 0; i < M; i++) {
      row.fill(0);
      const ai = ao + i * sai;
      let k = 0;
      if (sbj === 1) {
        for (; k + 3 < K; k += 4) {
          const a0 = x[ai + k * sak];
          const a1 = x[ai + (k + 1) * sak];
          const a2 = x[ai + (k + 2) * sak];
          const a3 = x[ai + (k + 3) * sak];
          const b0 = bo + k * N;
          const b1 = b0 + N;
          const b2 = b1 + N;
          const b3 = b2 + N;
          for (let j = 0; j < N; j++)
            row[j] += a0 * y[b0 + j] + a1 * y[b1 + j] + a2 * y[b2 + j] + a3 * y[b3 + j];
        }
      }
      for (; k < K; k++) {
        const aik = x[ai + k * sak];
        const bk = bo + k * sbk;
        for (let j = 0; j < N; j++) row[j] += aik * y[bk + j * sbj];
      }
      out.set(row, oo + i * N);
    }
  }
  return out;
}
