import type { Kernels, KernelTensor } from '../../backend';
import { matmul as cpuMatmul } from '../cpu/matmul';

/** What the JS side needs to know about a compiled matmul module (see emit/matmul-program.ts). */
export interface MatmulModuleLayout {
  readonly mr: number;
  readonly nr: number;
  readonly kc: number;
  readonly mc: number;
  /** Bytes at address 0 the module keeps for itself. */
  readonly scratchBytes: number;
}

interface MatmulExports {
  readonly memory: WebAssembly.Memory;
  gemm(
    a: number,
    b: number,
    c: number,
    M: number,
    N: number,
    K: number,
    sai: number,
    sak: number,
    sbk: number,
    sbj: number,
    pa: number,
    pb: number,
  ): void;
}

/**
 * Below this many multiply-adds the call and the copies cost more than the SIMD saves. Measured on
 * Node 20 (2-core Xeon): wasm is already 2x faster than cpu at 3x5x7 (105 MACs) and 5x at 16x16x16;
 * cpu wins only below ~30 MACs and on dot products (M = N = 1), where a 4 x 12 tile computes one value.
 */
export const defaultMinMacs = 128;

// Addresses are i32 inside the module; stay well clear of 2 GiB.
const maxBytes = 2 ** 31 - 2 ** 20;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/**
 * The wasm matmul kernel over an instantiated module. float32 products with at least `minMacs`
 * multiply-adds run in wasm: A and B are copied into linear memory (grown as needed, never shrunk),
 * packed there through their strides, and C is copied out (the copies are 5% of the time at
 * n = 128, 1.6% at n = 1024). Everything else (float64, tiny products, dot products, K = 0, products
 * too big for 32-bit wasm memory) goes to the cpu kernel.
 */
export function createWasmMatmul(
  instance: WebAssembly.Instance,
  layout: MatmulModuleLayout,
  minMacs = defaultMinMacs,
): Kernels['matmul'] {
  const wasm = instance.exports as unknown as MatmulExports;
  const { mr, nr, kc: KC, mc: MC, scratchBytes } = layout;
  return (a: KernelTensor, b: KernelTensor, transA: boolean, transB: boolean) => {
    const [B, ar, ac] = a.shape;
    const [, br, bc] = b.shape;
    const M = transA ? ac : ar;
    const K = transA ? ar : ac;
    const N = transB ? br : bc;
    if (a.dtype !== 'float32' || b.dtype !== 'float32' || B * M * N * K < Math.max(minMacs, 1) || M * N === 1)
      return cpuMatmul(a, b, transA, transB);
    // Linear memory: [scratch | packed A block | packed B block | A | B | C].
    const kc = Math.min(KC, K);
    const pa = align16(scratchBytes);
    const pb = align16(pa + Math.ceil(MC / mr) * mr * kc * 4 + 16);
    const aAt = align16(pb + Math.ceil(N / nr) * nr * kc * 4 + 16);
    const bAt = align16(aAt + B * M * K * 4);
    const cAt = align16(bAt + B * K * N * 4);
    const need = cAt + B * M * N * 4;
    if (need > maxBytes) return cpuMatmul(a, b, transA, transB);
    const have = wasm.memory.buffer.byteLength;
    if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65_536));
    const heap = new Float32Array(wasm.memory.buffer);
    heap.set(a.data as Float32Array, aAt / 4);
    heap.set(b.data as Float32Array, bAt / 4);
    // op(a)[i, k] = a[i*sai + k*sak], op(b)[k, j] = b[k*sbk + j*sbj], as in the cpu kernel.
    const sai = transA ? 1 : K;
    const sak = transA ? M : 1;
    const sbk = transB ? 1 : N;
    const sbj = transB ? K : 1;
    for (let i = 0; i < B; i++) {
      wasm.gemm(
        aAt + i * M * K * 4,
        bAt + i * K * N * 4,
        cAt + i * M * N * 4,
        M,
        N,
        K,
        sai,
        sak,
        sbk,
        sbj,
        pa,
        pb,
      );
    }
    // new + set(subarray) beats slice() by 1.3-2x on Node 20 (see WasmArena.copyOut).
    const out = new Float32Array(B * M * N);
    out.set(heap.subarray(cAt / 4, cAt / 4 + B * M * N));
    return out;
  };
}
