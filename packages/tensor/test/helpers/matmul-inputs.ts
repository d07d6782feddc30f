// Seeded inputs shared by the wasm matmul tests (single-threaded and threaded).
import type { KernelTensor } from '../../src/backend';

/** mulberry32 in [-1, 1). */
export function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

/** A float32 kernel tensor of `shape` filled from `next`. */
export const f32 = (shape: number[], next: () => number): KernelTensor => ({
  data: Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, next),
  shape,
  dtype: 'float32',
});

/** Every [transA, transB] pair. */
export const combos = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;
