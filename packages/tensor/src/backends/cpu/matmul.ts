import type { KernelTensor } from '../../backend';
import { allocate, type TypedArray } from '../../dtype';

/**
 * Batched matmul in i-k-j order so the innermost loop walks `b` and the output row contiguously.
 * Transposed operands are read through strides, never copied. Each output row accumulates in
 * float64 and is rounded once.
 */
export function matmul(a: KernelTensor, b: KernelTensor, transA: boolean, transB: boolean): TypedArray {
  const x = a.data as TypedArray;
  const y = b.data as TypedArray;
  const [B, ar, ac] = a.shape;
  const [, br, bc] = b.shape;
  const M = transA ? ac : ar;
  const K = transA ? ar : ac;
  const N = transB ? br : bc;
  // Element (i, k) of op(a) is at i*sai + k*sak; element (k, j) of op(b) at k*sbk + j*sbj.
  const sai = transA ? 1 : K;
  const sak = transA ? M : 1;
  const sbk = transB ? 1 : N;
  const sbj = transB ? K : 1;
  const out = allocate(a.dtype, B * M * N);
  const row = new Float64Array(N);
  for (let bi = 0; bi < B; bi++) {
    const ao = bi * M * K;
    const bo = bi * K * N;
    const oo = bi * M * N;
    for (let i = 0; i < M; i++) {
      row.fill(0);
      for (let k = 0; k < K; k++) {
        const aik = x[ao + i * sai + k * sak];
        const bk = bo + k * sbk;
        if (sbj === 1) {
          for (let j = 0; j < N; j++) row[j] += aik * y[bk + j];
        } else {
          for (let j = 0; j < N; j++) row[j] += aik * y[bk + j * sbj];
        }
      }
      out.set(row, oo + i * N);
    }
  }
  return out;
}
