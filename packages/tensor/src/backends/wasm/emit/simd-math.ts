// Vector (f32x4) approximations of the transcendental functions the elementwise kernels need, after
// Cephes' single-precision routines (S. Moshier, https://www.netlib.org/cephes/, expf.c, logf.c,
// tanhf.c): Cody-Waite range reduction, then a minimax polynomial on the reduced interval. Each
// function appends its work to an Emitter and returns the local holding the four results. The special
// values (NaN, ±Infinity, ±0, denormals) follow the JS kernels in backends/cpu/elementwise.ts; where
// the JS formula loses digits (1 + tanh(u) for very negative u), the vector form is rearranged so that
// it does not (sigmoid of 2u), and stays at least as accurate as the JS kernel.

import {
  abs,
  add,
  and,
  div,
  type Emitter,
  eq,
  ge,
  gt,
  horner,
  iadd,
  int,
  isub,
  le,
  lt,
  max,
  min,
  mul,
  ne,
  nearest,
  neg,
  type Operand,
  or,
  select,
  shl,
  shr,
  sub,
  toFloat,
  toInt,
} from './simd-expr';
import type { Instr } from './wasm-assembler';

const LOG2E = Math.LOG2E;
// ln 2 split so that n * LN2_HI is exact for |n| < 2^15 (Cody-Waite).
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;
// Cephes expf: e^r - 1 - r = r^2 * P(r) on |r| <= ln2 / 2.
const EXP_P = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
];
// Cephes logf: log(1 + m) - m + m^2/2 = m^3 * P(m) on sqrt(1/2) - 1 <= m < sqrt(2) - 1.
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
];
// Cephes tanhf: tanh(x) = x + x^3 * P(x^2) for |x| < 0.625.
const TANH_P = [-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1];
const TANH_SMALL = 0.625;
const GELU_TANH_C = Math.sqrt(2 / Math.PI);
const GELU_TANH_K = 0.044715;
const SIGN_BIT = -0x80000000;
// i8x16.shuffle lane lists: f32 lanes 2, 3 moved to 0, 1; and lanes 0, 1 of each of two vectors.
const LANES_2_3 = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const LANES_0_1_OF_BOTH = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const get = (name: string): Instr => ['local.get', name];
// erf(z) = z P(z^2) on |z| <= 1, and erfc(z) = e^{-z^2} Q(1/z - 1/2) / z on 1 <= z <= 10.7, fitted to
// relative error 1.2e-9 and 4.5e-8 (weighted least squares on Chebyshev nodes against mpmath; f32
// Horner evaluation adds ~1e-7).
const ERF_P = [
  7.855035399037308e-5, -8.010550006407047e-4, 5.1883683624555635e-3, -2.6853833414601985e-2,
  1.1283585664102357e-1, -3.7612625869862015e-1, 1.1283791657333535,
];
const ERFC_Q = [
  -5.94340101215782e-2, 1.2028457030344164e-3, 1.1734325967718463e-1, -1.2045208172566824e-1,
  4.2723007644749504e-2, 4.378837745779893e-2, -1.0892301356280486e-1, 1.1891949876371648e-1,
  -3.662926802503914e-2, -1.6721059163240543e-1, 5.107913385268171e-1,
];
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** 2^k for i32 lanes k in [-126, 127], built in the exponent field. */
const pow2 = (k: Operand) => shl(iadd(k, int(127)), 23);

/**
 * e^x as `partial * scale` (both normal floats, scale = 2^k2): callers that multiply the result by
 * something else multiply `partial` first and `scale` last, so a product in the denormal range is
 * rounded once, as the JS kernels' float64 products are when stored to float32.
 */
export function expParts(e: Emitter, x: Operand): { partial: string; scale: string } {
  const xc = e.let(min(max(x, -150), 89));
  const n = e.let(nearest(mul(xc, LOG2E)));
  const r = e.let(sub(sub(xc, mul(n, LN2_HI)), mul(n, LN2_LO)));
  const r2 = e.let(mul(r, r));
  const p = e.let(add(add(mul(horner(r, EXP_P), r2), r), 1));
  const k = e.let(toInt(n));
  const k1 = e.let(shr(k, 1));
  return { partial: e.let(mul(p, pow2(k1))), scale: e.let(pow2(isub(k, k1))) };
}

/**
 * e^x. Inputs are clamped to [-150, 89] (beyond, the result is 0 or +Infinity anyway) and 2^n is
 * applied as two factors, so results in the denormal range round once, like Math.exp's do when stored
 * to float32. NaN stays NaN (min/max propagate it). About 1 ulp.
 */
export function exp(e: Emitter, x: Operand): string {
  const { partial, scale } = expParts(e, x);
  return e.let(mul(partial, scale));
}

/**
 * e^x - 1: x (1 + x P(x)) with exp's own polynomial while |x| <= ln2 / 2 (no cancellation; keeps -0),
 * else e^x - 1 (which cancels by at most 3.4x there).
 */
export function expm1(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const small = mul(xv, add(mul(xv, horner(xv, EXP_P)), 1));
  return e.let(select(lt(abs(xv), Math.LN2 / 2), small, sub(exp(e, xv), 1)));
}

/**
 * The natural log: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log x = e ln2 + log m. Denormals are
 * scaled by 2^23 first. log(±0) = -Infinity, log(x < 0) = NaN, log(+Infinity) = +Infinity. About 1 ulp.
 */
export function log(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const denormal = e.let(lt(xv, 2 ** -126));
  const xs = e.let(select(denormal, mul(xv, 2 ** 23), xv));
  // frexp: m in [0.5, 1), x = m 2^exponent.
  const exponent = e.let(isub(and(shr(xs, 23), int(0xff)), select(denormal, int(126 + 23), int(126))));
  const m0 = e.let(or(and(xs, int(0x007fffff)), int(0x3f000000)));
  const below = e.let(lt(m0, Math.SQRT1_2));
  // m < sqrt(1/2): use 2m - 1 and exponent - 1 (the mask is -1 in those lanes).
  const ef = e.let(toFloat(iadd(exponent, below)));
  const m = e.let(sub(add(m0, and(m0, below)), 1));
  const z = e.let(mul(m, m));
  const y = e.let(sub(add(mul(mul(horner(m, LOG_P), m), z), mul(ef, LN2_LO)), mul(z, 0.5)));
  const r = e.let(add(add(m, y), mul(ef, LN2_HI)));
  const special = e.let(select(eq(xv, 0), Number.NEGATIVE_INFINITY, Number.NaN));
  // x <= 0 and NaN: -Infinity or NaN; +Infinity stays; everything else the polynomial.
  return e.let(
    select(gt(xv, 0), select(eq(xv, Number.POSITIVE_INFINITY), xv, r), select(ne(xv, xv), xv, special)),
  );
}

/** tanh: an odd polynomial below |x| = 0.625, else 1 - 2 / (e^{2|x|} + 1) with x's sign. */
export function tanh(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const ax = e.let(abs(xv));
  const z = e.let(mul(xv, xv));
  const small = e.let(add(xv, mul(mul(xv, z), horner(z, TANH_P))));
  const big = e.let(sub(1, div(2, add(exp(e, add(ax, ax)), 1))));
  const signed = e.let(or(big, and(xv, int(SIGN_BIT))));
  return e.let(select(lt(ax, TANH_SMALL), small, signed));
}

/**
 * e^v for v = `argument(h)` of each pair of lanes `h` promoted to float64, with v's evaluation, clamp
 * and Cody-Waite reduction in float64, so the rounding of v is not amplified by |v| as it is when v
 * is a float32 (|v| 2^-24 relative, 1e-5 at v = -88); only r, |r| <= ln2/2, is rounded to float32.
 * Returns expParts' pair plus `clamped`, the lanes where v <= -150 (e^v is 0 and partial is not e^v).
 */
export function expPartsF64(
  e: Emitter,
  x: string,
  argument: (h: string) => Instr[],
): { partial: string; scale: string; clamped: string } {
  const halves = [
    [get(x), ['f64x2.promote_low_f32x4']],
    [get(x), get(x), ['i8x16.shuffle', ...LANES_2_3], ['f64x2.promote_low_f32x4']],
  ] as Instr[][];
  const reduced = halves.map((half) => {
    const h = e.let(half);
    const v = e.let([
      ...argument(h),
      ['f64x2.const', -150],
      ['f64x2.max'],
      ['f64x2.const', 89],
      ['f64x2.min'],
    ]);
    const n = e.let([get(v), ['f64x2.const', LOG2E], ['f64x2.mul'], ['f64x2.nearest']]);
    const r = e.let([get(v), get(n), ['f64x2.const', Math.LN2], ['f64x2.mul'], ['f64x2.sub']]);
    return { v, n, r };
  });
  // Two f64x2 values demoted and joined into one f32x4 (lanes 0, 1 from the first).
  const join = (a: string, b: string): Instr[] => [
    get(a),
    ['f32x4.demote_f64x2_zero'],
    get(b),
    ['f32x4.demote_f64x2_zero'],
    ['i8x16.shuffle', ...LANES_0_1_OF_BOTH],
  ];
  const n = e.let(join(reduced[0].n, reduced[1].n));
  const r = e.let(join(reduced[0].r, reduced[1].r));
  const r2 = e.let(mul(r, r));
  const p = e.let(add(add(mul(horner(r, EXP_P), r2), r), 1));
  const k = e.let(toInt(n));
  const k1 = e.let(shr(k, 1));
  return {
    partial: e.let(mul(p, pow2(k1))),
    scale: e.let(pow2(isub(k, k1))),
    clamped: e.let(le(join(reduced[0].v, reduced[1].v), -150)),
  };
}

/**
 * sigmoid(v) and 1 - sigmoid(v) from a = e^{-|v|} (never overflows) given as expParts' pair: with
 * p = sigmoid(|v|) = 1 / (1 + a), sigmoid(-|v|) = a p. `times(y)` is y * sigmoid(v) rounded once even
 * when it is a denormal; `clamped` lanes (|v| >= 150) use y * (a p) = y * 0.
 */
function sigmoidFromExp(
  e: Emitter,
  { partial, scale }: { partial: string; scale: string },
  positive: string,
  clamped: Operand,
): { s: string; rest: string; times: (y: string) => string } {
  const a = e.let(mul(partial, scale));
  const p = e.let(div(1, add(a, 1)));
  const q = e.let(mul(a, p));
  const clampedLanes = e.let(clamped);
  return {
    s: e.let(select(positive, p, q)),
    rest: e.let(select(positive, q, p)),
    times: (y) => {
      const yp = e.let(mul(y, p));
      const tail = select(clampedLanes, mul(y, q), mul(mul(partial, yp), scale));
      return e.let(select(positive, yp, tail));
    },
  };
}

/** sigmoid(v) and 1 - sigmoid(v) without cancellation (see sigmoidFromExp). */
export function sigmoidPair(
  e: Emitter,
  v: Operand,
): { s: string; rest: string; times: (y: string) => string } {
  const vv = e.let(v);
  // expParts clamps at -150, past which its partial form is not e^{-|v|}.
  return sigmoidFromExp(e, expParts(e, neg(abs(vv))), e.let(ge(vv, 0)), ge(abs(vv), 150));
}

/** 1 / (1 + e^{-x}); NaN stays NaN (no lane of `x >= 0` is set and e^NaN is NaN). */
export function sigmoid(e: Emitter, x: Operand): string {
  return sigmoidPair(e, x).s;
}

/** x * sigmoid(x) (SiLU / swish). */
export function silu(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  return sigmoidPair(e, xv).times(xv);
}

/** -2|u| in f64x2 lanes for u = sqrt(2/pi) (x + 0.044715 x^3), GELU-tanh's tanh argument. */
const minusTwiceAbsU = (h: string): Instr[] => [
  get(h),
  ['f64x2.const', 2 * GELU_TANH_C],
  ['f64x2.mul'],
  get(h),
  get(h),
  ['f64x2.mul'],
  ['f64x2.const', GELU_TANH_K],
  ['f64x2.mul'],
  ['f64x2.const', 1],
  ['f64x2.add'],
  ['f64x2.mul'],
  ['f64x2.abs'],
  ['f64x2.neg'],
];

/** sigmoid(2u) and 1 - sigmoid(2u) for GELU-tanh's u(x); the sign of u is the sign of x. */
function geluTanhSigmoid(e: Emitter, x: string) {
  const parts = expPartsF64(e, x, minusTwiceAbsU);
  return sigmoidFromExp(e, parts, e.let(ge(x, 0)), parts.clamped);
}

/**
 * GELU (tanh approximation) as x * sigmoid(2u), which equals 0.5 x (1 + tanh u) but keeps full
 * relative precision for negative x, where 1 + tanh u cancels.
 */
export function geluTanh(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  return geluTanhSigmoid(e, xv).times(xv);
}

/**
 * d/dx of geluTanh: 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3k x^2) with t = tanh u, written as
 * s + 2 c x s (1 - s) (1 + 3k x^2) with s = sigmoid(2u). |x| is clamped to 20 (the gradient is 1 or 0
 * to float precision beyond) so x^2 cannot overflow into Infinity * 0; ±Infinity gives NaN like the
 * JS formula does.
 */
export function geluTanhGrad(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const xc = e.let(min(max(xv, -20), 20));
  const { s, rest } = geluTanhSigmoid(e, xc);
  const slope = mul(mul(mul(mul(xc, 2 * GELU_TANH_C), s), rest), add(mul(mul(xc, xc), 3 * GELU_TANH_K), 1));
  const grad = e.let(add(s, slope));
  return e.let(select(eq(abs(xv), Number.POSITIVE_INFINITY), Number.NaN, grad));
}

/**
 * The standard normal CDF Phi(x) and density phi(x), with full relative precision in both tails:
 * e^{-x^2/2} is computed as e^{-xh^2/2} e^{-xl(2xh + xl)/2} with xh = |x| rounded to 1/256 (xh^2 is
 * exact in f32), so the rounding of x^2 is not amplified; Phi(-|x|) = erfc(|x|/sqrt 2) / 2 comes from
 * the tail fit, never from 1 - Phi. |x| is clamped to 15, past which phi and Phi(-|x|) underflow.
 * Where the tail fit applies, Phi(-|x|) and phi(x) are also returned unscaled (`tailPartial`,
 * `densityPartial`, times `scale`), so products that land in the denormal range round once.
 */
function normal(
  e: Emitter,
  x: string,
): {
  cdf: string;
  density: string;
  tail: string;
  tailPartial: string;
  densityPartial: string;
  scale: string;
} {
  const ax = e.let(min(abs(x), 15));
  const xh = e.let(mul(nearest(mul(ax, 256)), 1 / 256));
  const xl = e.let(sub(ax, xh));
  const { partial, scale } = expParts(e, mul(mul(xh, xh), -0.5));
  const low = exp(e, mul(mul(xl, add(add(xh, xh), xl)), -0.5));
  const gaussPartial = e.let(mul(partial, low));
  const z = e.let(mul(ax, Math.SQRT1_2));
  const small = e.let(lt(z, 1));
  const erfSmall = e.let(mul(z, horner(mul(z, z), ERF_P)));
  const y = e.let(div(1, z));
  const tailPartial = e.let(mul(mul(mul(gaussPartial, horner(sub(y, 0.5), ERFC_Q)), y), 0.5));
  const lower = e.let(select(small, mul(sub(1, erfSmall), 0.5), mul(tailPartial, scale)));
  const upper = e.let(select(small, add(mul(erfSmall, 0.5), 0.5), sub(1, lower)));
  const densityPartial = e.let(mul(gaussPartial, INV_SQRT_2PI));
  return {
    cdf: e.let(select(ge(x, 0), upper, lower)),
    density: e.let(mul(densityPartial, scale)),
    // Lanes in the negative tail, where the partial forms apply.
    tail: e.let(and(and(lt(x, 0), ge(z, 1)), lt(ax, 15))),
    tailPartial,
    densityPartial,
    scale,
  };
}

/** Exact GELU, x Phi(x). */
export function gelu(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const { cdf, tail, tailPartial, scale } = normal(e, xv);
  return e.let(select(tail, mul(mul(xv, tailPartial), scale), mul(xv, cdf)));
}

/** d/dx of exact GELU, Phi(x) + x phi(x); ±Infinity gives NaN (Infinity * 0) like the JS formula. */
export function geluGrad(e: Emitter, x: Operand): string {
  const xv = e.let(x);
  const { cdf, density, tail, tailPartial, densityPartial, scale } = normal(e, xv);
  return e.let(
    select(tail, mul(add(tailPartial, mul(xv, densityPartial)), scale), add(cdf, mul(xv, density))),
  );
}
