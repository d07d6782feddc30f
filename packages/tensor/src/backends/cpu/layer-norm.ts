import type { KernelTensor } from '../../backend';
import { allocate, type TypedArray } from '../../dtype';

// Layer norm over rows of `cols` contiguous values. Statistics and every per-element expression are
// evaluated in float64 and rounded once, so float32 results carry one rounding error and the wasm
// kernel (same expressions, same order, only the sums split across SIMD lanes) matches to an ulp.

/** Mean and 1/sqrt(biased variance + eps) of row `r`; two passes, so a large offset cannot cancel. */
export function rowStats(
  src: TypedArray,
  r: number,
  cols: number,
  eps: number,
): [mean: number, rstd: number] {
  const base = r * cols;
  let s = 0;
  for (let j = 0; j < cols; j++) s += src[base + j];
  const mean = s / cols;
  let ss = 0;
  for (let j = 0; j < cols; j++) {
    const d = src[base + j] - mean;
    ss += d * d;
  }
  return [mean, 1 / Math.sqrt(ss / cols + eps)];
}

/** y = (x - mean) * rstd * weight + bias per row of `cols`; `weight`/`bias` are [cols] or null. */
export function layerNorm(
  x: KernelTensor,
  weight: KernelTensor | null,
  bias: KernelTensor | null,
  cols: number,
  eps: number,
): TypedArray {
  const src = x.data as TypedArray;
  const w = weight?.data as TypedArray | undefined;
  const b = bias?.data as TypedArray | undefined;
  const out = allocate(x.dtype, src.length);
  const rows = cols === 0 ? 0 : src.length / cols;
  for (let r = 0; r < rows; r++) {
    const [mean, rstd] = rowStats(src, r, cols, eps);
    const base = r * cols;
    for (let j = 0; j < cols; j++) {
      let y = (src[base + j] - mean) * rstd;
      if (w) y *= w[j];
      if (b) y += b[j];
      out[base + j] = y;
    }
  }
  return out;
}

/**
 * dx of layer norm per row, with a = dy * weight and x̂ = (x - mean) * rstd:
 * dx = rstd * (a - mean(a) - x̂ * mean(a * x̂)).
 */
export function layerNormBackward(
  x: KernelTensor,
  weight: KernelTensor | null,
  dy: KernelTensor,
  cols: number,
  eps: number,
): TypedArray {
  const src = x.data as TypedArray;
  const g = dy.data as TypedArray;
  const w = weight?.data as TypedArray | undefined;
  const out = allocate(x.dtype, src.length);
  const rows = cols === 0 ? 0 : src.length / cols;
  for (let r = 0; r < rows; r++) {
    const [mean, rstd] = rowStats(src, r, cols, eps);
    const base = r * cols;
    let sa = 0;
    let sax = 0;
    for (let j = 0; j < cols; j++) {
      const a = w ? g[base + j] * w[j] : g[base + j];
      sa += a;
      sax += a * ((src[base + j] - mean) * rstd);
    }
    const c1 = sa / cols;
    const c2 = sax / cols;
    for (let j = 0; j < cols; j++) {
      const a = w ? g[base + j] * w[j] : g[base + j];
      out[base + j] = rstd * (a - c1 - (src[base + j] - mean) * rstd * c2);
    }
  }
  return out;
}

/** [2, cols]: row 0 is Σ_rows dy * x̂ (the weight gradient), row 1 is Σ_rows dy (the bias gradient). */
export function layerNormParamGrad(x: KernelTensor, dy: KernelTensor, cols: number, eps: number): TypedArray {
  const src = x.data as TypedArray;
  const g = dy.data as TypedArray;
  const rows = cols === 0 ? 0 : src.length / cols;
  // Accumulated in float64 across rows, like the cpu `sum` kernel.
  const acc = new Float64Array(2 * cols);
  for (let r = 0; r < rows; r++) {
    const [mean, rstd] = rowStats(src, r, cols, eps);
    const base = r * cols;
    for (let j = 0; j < cols; j++) {
      acc[j] += g[base + j] * ((src[base + j] - mean) * rstd);
      acc[cols + j] += g[base + j];
    }
  }
  const out = allocate(x.dtype, 2 * cols);
  out.set(acc);
  return out;
}
