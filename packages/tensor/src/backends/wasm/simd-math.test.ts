import { beforeAll, describe, expect, it } from 'vitest';
import type { Kernels, UnaryOp } from '../../backend';
import { erfc } from '../../internal/math';
import { createWasmKernels, instantiateKernelsModule } from './index';

// Measured accuracy of the vector transcendentals against float64 references built from Math.*, over
// every binade of float32: 2^20 bit patterns spread evenly over the positive floats (denormals, tiny,
// huge) plus their negatives, plus a dense sweep of [-20, 20] where the activations live.

const SQRT1_2 = Math.SQRT1_2;
const C = Math.sqrt(2 / Math.PI);
const K = 0.044715;
/** sigmoid(v) and 1 - sigmoid(v) in float64 without cancellation. */
function sigmoidPair(v: number): [number, number] {
  const a = Math.exp(-Math.abs(v));
  const p = 1 / (1 + a);
  return v >= 0 ? [p, a * p] : [a * p, p];
}
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Float64 references; the tanh-GELU pair uses sigmoid(2u) = (1 + tanh u) / 2, exact in both tails. */
const reference: Partial<Record<UnaryOp, (x: number) => number>> = {
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  tanh: Math.tanh,
  rsqrt: (x) => 1 / Math.sqrt(x),
  sigmoid: (x) => sigmoidPair(x)[0],
  silu: (x) => x * sigmoidPair(x)[0],
  gelu: (x) => 0.5 * x * erfc(-x * SQRT1_2),
  geluGrad: (x) => 0.5 * erfc(-x * SQRT1_2) + x * phi(x),
  geluTanh: (x) => x * sigmoidPair(2 * C * (x + K * x * x * x))[0],
  geluTanhGrad: (x) => {
    const [s, rest] = sigmoidPair(2 * C * (x + K * x * x * x));
    return s + 2 * C * x * s * rest * (1 + 3 * K * x * x);
  },
};

/**
 * The worst error each op may show; `atol` covers roots and denormal results. Measured (fraction of
 * this bound used, worst relative error where the result is a normal float): exp 0.50, 7.7e-8;
 * expm1 0.53, 2.3e-7; log 0.29, 7.7e-8; tanh 0.35, 1.3e-7; rsqrt 0.59, 8.8e-8; sigmoid 0.50, 1.8e-7;
 * silu 0.51, 2.0e-7; gelu 0.70, 1.1e-6; geluGrad 0.67 (at its root); geluTanh 0.53, 2.1e-7;
 * geluTanhGrad 0.32 (at its root).
 */
const bounds: Record<string, { rtol: number; atol: number }> = {
  exp: { rtol: 2.5e-7, atol: 2 ** -149 },
  expm1: { rtol: 4e-7, atol: 0 },
  log: { rtol: 2.5e-7, atol: 0 },
  tanh: { rtol: 2.5e-7, atol: 0 },
  rsqrt: { rtol: 1.5e-7, atol: 0 },
  sigmoid: { rtol: 4e-7, atol: 2 ** -149 },
  silu: { rtol: 4e-7, atol: 2 ** -149 },
  gelu: { rtol: 1.5e-6, atol: 2 ** -149 },
  // Phi(x) + x phi(x) cancels at its root near x = -0.75: absolute error there, relative elsewhere.
  geluGrad: { rtol: 1.5e-6, atol: 1e-7 },
  geluTanh: { rtol: 4e-7, atol: 2 ** -149 },
  geluTanhGrad: { rtol: 1e-6, atol: 2e-7 },
};

function sweep(): Float32Array {
  const bits = new Uint32Array(2 ** 21 + 8001);
  const step = 2 ** 31 / 2 ** 20;
  for (let i = 0; i < 2 ** 20; i++) {
    bits[2 * i] = Math.floor(i * step + (i % 7) * 97);
    bits[2 * i + 1] = (bits[2 * i] | 0x80000000) >>> 0;
  }
  const out = new Float32Array(bits.buffer);
  for (let i = 0; i < 8001; i++) out[2 ** 21 + i] = -20 + i / 200;
  return out;
}

interface Worst {
  readonly excess: number;
  readonly rel: number;
  readonly x: number;
}

/** The worst ratio of |got - ref| to rtol |ref| + atol (1 is at the bound), and the worst relative error where |ref| is normal. */
function measure(op: UnaryOp, xs: Float32Array, got: Float32Array): Worst {
  const ref = reference[op]!;
  const { rtol, atol } = bounds[op];
  let worst: Worst = { excess: 0, rel: 0, x: 0 };
  let worstRel = 0;
  for (let i = 0; i < xs.length; i++) {
    const want = ref(xs[i]);
    const g = got[i];
    if (Number.isNaN(want) || !Number.isFinite(want) || Math.abs(want) > 3.4e38) {
      // Non-finite (or float32-overflowing) references: the same special value, or +-Infinity.
      const w32 = Math.fround(want);
      if (!(Object.is(g, w32) || (Number.isNaN(g) && Number.isNaN(w32))))
        return { excess: Number.POSITIVE_INFINITY, rel: Number.NaN, x: xs[i] };
      continue;
    }
    const err = Math.abs(g - want);
    const excess = err / (rtol * Math.abs(want) + atol);
    if (!(excess <= worst.excess)) worst = { excess, rel: worst.rel, x: xs[i] };
    if (Math.abs(want) >= 2 ** -126) worstRel = Math.max(worstRel, err / Math.abs(want));
  }
  return { ...worst, rel: worstRel };
}

describe('wasm vector math accuracy (float32 sweep of every binade vs float64 Math.*)', () => {
  let kernels: Pick<Kernels, 'unary'>;
  const xs = sweep();
  beforeAll(async () => {
    kernels = createWasmKernels(await instantiateKernelsModule(), 0);
  });

  for (const op of Object.keys(reference) as UnaryOp[]) {
    it(`${op} stays within rtol ${bounds[op].rtol}, atol ${bounds[op].atol}`, () => {
      const got = kernels.unary(
        { data: xs, shape: [xs.length], dtype: 'float32' },
        op,
        'float32',
      ) as Float32Array;
      const worst = measure(op, xs, got);
      expect(worst.excess, `${op}: worst at x = ${worst.x}`).toBeLessThanOrEqual(1);
    });
  }

  it('the relative-error bounds are tight enough to catch a one-coefficient mistake', () => {
    // A sanity check of the harness itself: exp's result scaled by one part in 2^20 must fail.
    const got = kernels.unary(
      { data: xs, shape: [xs.length], dtype: 'float32' },
      'exp',
      'float32',
    ) as Float32Array;
    const skewed = got.map((v) => v * (1 + 2 ** -20));
    expect(measure('exp', xs, skewed).excess).toBeGreaterThan(1);
  });
});
