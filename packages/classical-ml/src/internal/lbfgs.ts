/** f(x), writing ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Maximum number of iterations (each with one strong-Wolfe line search). */
  maxIter: number;
  /** Stop when max_i |∇f_i| ≤ gtol (scipy's `pgtol`). */
  gtol: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy's default 2.2e-9). */
  ftol?: number;
  /** Number of correction pairs kept (default 10, scipy's `maxcor`). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  nIter: number;
  converged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/**
 * Minimises a smooth function with limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989): the
 * two-loop recursion over the last `memory` (s, y) pairs gives the search direction, and a line
 * search satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9; Nocedal & Wright, Alg. 3.5-3.6)
 * picks the step. Stopping rules mirror scipy's L-BFGS-B: the gradient's max-norm or the relative
 * decrease of f.
 */
export function lbfgs(fg: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const memory = options.memory ?? 10;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alphas = new Array<number>(memory).fill(0);
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  if (maxAbs(g) <= options.gtol) return { x, f, nIter: 0, converged: true };
  for (let iter = 0; iter < options.maxIter; iter++) {
    // Two-loop recursion: d = −H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alphas[k] = rho[k] * dot(S[k], d);
      const yk = Y[k];
      for (let i = 0; i < n; i++) d[i] -= alphas[k] * yk[i];
    }
    if (S.length > 0) {
      const last = S.length - 1;
      const gamma = dot(S[last], Y[last]) / dot(Y[last], Y[last]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const beta = rho[k] * dot(Y[k], d);
      const sk = S[k];
      for (let i = 0; i < n; i++) d[i] += (alphas[k] - beta) * sk[i];
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      slope = dot(g, d);
    }
    const first = S.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;

    let fTrial = f;
    let aTrial = -1;
    const evaluate = (a: number): [number, number] => {
      for (let i = 0; i < n; i++) xTrial[i] = x[i] + a * d[i];
      fTrial = fg(xTrial, gTrial);
      aTrial = a;
      return [fTrial, dot(gTrial, d)];
    };
    const step = wolfeSearch(evaluate, f, slope, first);
    if (step === null) return { x, f, nIter: iter, converged: maxAbs(g) <= options.gtol };
    if (aTrial !== step) evaluate(step);

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xTrial[i] - x[i];
      y[i] = gTrial[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const fOld = f;
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    f = fTrial;
    if (maxAbs(g) <= options.gtol) return { x, f, nIter: iter + 1, converged: true };
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol)
      return { x, f, nIter: iter + 1, converged: true };
  }
  return { x, f, nIter: options.maxIter, converged: false };
}

/** Strong-Wolfe line search along a descent direction; `evaluate(a)` returns [φ(a), φ'(a)]. */
function wolfeSearch(
  evaluate: (a: number) => [number, number],
  f0: number,
  slope0: number,
  first: number,
): number | null {
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = slope0;
  let a = first;
  for (let i = 0; i < 40; i++) {
    const [fa, da] = evaluate(a);
    if (!Number.isFinite(fa)) {
      a = (aPrev + a) / 2;
      continue;
    }
    if (fa > f0 + C1 * a * slope0 || (i > 0 && fa >= fPrev))
      return zoom(evaluate, f0, slope0, aPrev, a, fPrev, fa, dPrev, da);
    if (Math.abs(da) <= -C2 * slope0) return a;
    if (da >= 0) return zoom(evaluate, f0, slope0, a, aPrev, fa, fPrev, da, dPrev);
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 2;
  }
  return fPrev < f0 ? aPrev : null;
}

function zoom(
  evaluate: (a: number) => [number, number],
  f0: number,
  slope0: number,
  lo: number,
  hi: number,
  fLo: number,
  fHi: number,
  dLo: number,
  dHi: number,
): number | null {
  for (let j = 0; j < 40; j++) {
    const a = cubicMinimum(lo, fLo, dLo, hi, fHi, dHi);
    const [fa, da] = evaluate(a);
    if (fa > f0 + C1 * a * slope0 || fa >= fLo) {
      hi = a;
      fHi = fa;
      dHi = da;
    } else {
      if (Math.abs(da) <= -C2 * slope0) return a;
      if (da * (hi - lo) >= 0) {
        hi = lo;
        fHi = fLo;
        dHi = dLo;
      }
      lo = a;
      fLo = fa;
      dLo = da;
    }
    if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
  }
  return lo > 0 && fLo < f0 ? lo : null;
}

/** Minimiser of the cubic through (a, fa, da), (b, fb, db), kept inside the interval (else bisection). */
function cubicMinimum(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    const t = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
    if (Number.isFinite(t) && t >= lo + margin && t <= hi - margin) return t;
  }
  return (a + b) / 2;
}
