import { ValueError } from '@llm/tensor';
import { bool, finite, inRange, nonNegative } from './internal/validate';
import { Optimizer, type ParamGroup, type ParamsInput, type UpdateResult } from './optimizer';

export interface AdafactorOptions {
  /** External learning rate; must be `null` with `relativeStep` (the default), which computes its own. */
  lr: number | null;
  /** [ε1, ε2]: added to g² (default 1e-30), and the floor of the parameter scale (default 1e-3). */
  eps: readonly [number, number];
  /** Update clipping threshold d: the update is divided by max(1, RMS(u) / d) (default 1). */
  clipThreshold: number;
  /** Exponent of the second-moment decay `β2ₜ = 1 − t^decayRate` (default −0.8). */
  decayRate: number;
  /** First-moment decay; `null` (the default) keeps no first moment. */
  beta1: number | null;
  /** Decoupled weight decay: `p ← p − λ·lr·p` (default 0). */
  weightDecay: number;
  /** Scale the step by the parameter's RMS (floored at ε2) (default true). */
  scaleParameter: boolean;
  /** Use the time-dependent step `min(1e-2, 1/√t)` instead of `lr` (default true). */
  relativeStep: boolean;
  /** With `relativeStep`, warm up as `min(1e-6·t, 1/√t)` (default false). */
  warmupInit: boolean;
}

/**
 * Adafactor state. A parameter with two or more dims keeps factored second moments: `expAvgSqRow`
 * (the shape without the last dim) and `expAvgSqCol` (the shape without the second-to-last dim);
 * others keep the full `expAvgSq`. `rms` is the parameter RMS of the last step.
 */
export type AdafactorState = {
  step: number;
  rms: number;
  expAvg?: Float32Array;
  expAvgSq?: Float32Array;
  expAvgSqRow?: Float32Array;
  expAvgSqCol?: Float32Array;
};

const f = Math.fround;

/** RMS of a float32 array as torch computes `norm(2) / sqrt(numel)` (float32 result). */
function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return f(f(Math.sqrt(s)) / f(Math.sqrt(x.length)));
}

/**
 * One Adafactor step (pure) with HF transformers' semantics: `ρₜ = min(1e-2 | 1e-6·t, 1/√t)` (relative step)
 * or `lr`; `αₜ = max(ε2, RMS(p))·ρₜ` (scaleParameter); `β2ₜ = 1 − t^decayRate`; for matrices
 * `R ← β2ₜR + (1 − β2ₜ)·rowmean(g² + ε1)`, `C ← … colmean(g² + ε1)`, `u = g / √(R C / mean(R))`,
 * else `V ← β2ₜV + (1 − β2ₜ)(g² + ε1)`, `u = g/√V`; `u ← u / max(1, RMS(u)/d)·αₜ`;
 * `m ← β1 m + (1 − β1)u` (optional); `p ← p − λαₜp − u`. Shazeer & Stern 2018, https://arxiv.org/abs/1804.04235
 */
export function adafactorUpdate(
  param: Float32Array,
  grad: Float32Array,
  state: AdafactorState | undefined,
  o: AdafactorOptions,
  shape: readonly number[],
): UpdateResult<AdafactorState> {
  const n = param.length;
  const factored = shape.length >= 2;
  const cols = factored ? shape[shape.length - 1] : n;
  const rows = factored ? shape[shape.length - 2] : 1;
  const batch = factored ? n / (rows * cols) : 1;
  const step = (state?.step ?? 0) + 1;
  const paramRms = rms(param);

  // The step size: HF computes it in Python; once RMS(p) (a float32 tensor) wins the max, it is float32.
  let rho = o.lr ?? 0;
  if (o.relativeStep) rho = Math.min(o.warmupInit ? 1e-6 * step : 1e-2, 1 / Math.sqrt(step));
  let lr32: number;
  let wdAlpha: number;
  if (o.scaleParameter && paramRms > o.eps[1]) {
    lr32 = f(paramRms * f(rho));
    wdAlpha = f(f(-o.weightDecay) * lr32);
  } else {
    const lr = (o.scaleParameter ? o.eps[1] : 1) * rho;
    lr32 = f(lr);
    wdAlpha = f(-o.weightDecay * lr);
  }

  const beta2t = 1 - step ** o.decayRate;
  const b2 = f(beta2t);
  const oneMinusB2 = f(1 - beta2t);
  const eps1 = f(o.eps[0]);
  const sq = new Float32Array(n);
  for (let i = 0; i < n; i++) sq[i] = f(grad[i] * grad[i]) + eps1;

  const update = new Float32Array(n);
  const next: AdafactorState = { step, rms: paramRms };
  if (factored) {
    const row = state?.expAvgSqRow ? state.expAvgSqRow.slice() : new Float32Array(batch * rows);
    const col = state?.expAvgSqCol ? state.expAvgSqCol.slice() : new Float32Array(batch * cols);
    for (let b = 0; b < batch; b++) {
      const base = b * rows * cols;
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let c = 0; c < cols; c++) s += sq[base + r * cols + c];
        const k = b * rows + r;
        row[k] = f(row[k] * b2) + oneMinusB2 * f(f(s) / cols);
      }
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += sq[base + r * cols + c];
        const k = b * cols + c;
        col[k] = f(col[k] * b2) + oneMinusB2 * f(f(s) / rows);
      }
      let rowSum = 0;
      for (let r = 0; r < rows; r++) rowSum += row[b * rows + r];
      const rowMean = f(f(rowSum) / rows);
      for (let r = 0; r < rows; r++) {
        const rFactor = f(1 / f(Math.sqrt(f(row[b * rows + r] / rowMean))));
        for (let c = 0; c < cols; c++) {
          const cFactor = f(1 / f(Math.sqrt(col[b * cols + c])));
          const i = base + r * cols + c;
          update[i] = f(rFactor * cFactor) * grad[i];
        }
      }
    }
    next.expAvgSqRow = row;
    next.expAvgSqCol = col;
  } else {
    const v = state?.expAvgSq ? state.expAvgSq.slice() : new Float32Array(n);
    for (let i = 0; i < n; i++) {
      v[i] = f(v[i] * b2) + oneMinusB2 * sq[i];
      update[i] = f(1 / f(Math.sqrt(v[i]))) * grad[i];
    }
    next.expAvgSq = v;
  }

  const clip = Math.max(f(rms(update) / f(o.clipThreshold)), 1);
  for (let i = 0; i < n; i++) update[i] = f(update[i] / clip) * lr32;

  let direction = update;
  if (o.beta1 !== null) {
    const m = state?.expAvg ? state.expAvg.slice() : new Float32Array(n);
    const b1 = f(o.beta1);
    const oneMinusB1 = f(1 - o.beta1);
    for (let i = 0; i < n; i++) m[i] = f(m[i] * b1) + oneMinusB1 * update[i];
    next.expAvg = m;
    direction = m;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let p = param[i];
    if (o.weightDecay !== 0) p = f(p + wdAlpha * p);
    out[i] = p - direction[i];
  }
  return { param: out, state: next };
}

function validate(o: AdafactorOptions): void {
  const op = 'Adafactor';
  if (o.lr !== null) nonNegative(op, 'lr', o.lr);
  if (!Array.isArray(o.eps) || o.eps.length !== 2) {
    throw new ValueError(`${op}: 'eps' must be a pair [eps1, eps2], got ${String(o.eps)}.`);
  }
  nonNegative(op, 'eps[0]', o.eps[0]);
  nonNegative(op, 'eps[1]', o.eps[1]);
  if (!(typeof o.clipThreshold === 'number' && o.clipThreshold > 0)) {
    throw new ValueError(`${op}: 'clipThreshold' must be a positive number, got ${String(o.clipThreshold)}.`);
  }
  finite(op, 'decayRate', o.decayRate);
  if (o.beta1 !== null) inRange(op, 'beta1', o.beta1, 0, 1);
  nonNegative(op, 'weightDecay', o.weightDecay);
  bool(op, 'scaleParameter', o.scaleParameter);
  bool(op, 'relativeStep', o.relativeStep);
  bool(op, 'warmupInit', o.warmupInit);
  if (o.lr !== null && o.relativeStep) {
    throw new ValueError(
      `${op}: 'lr' must be null with 'relativeStep' (the step size is computed), got ${o.lr}.`,
    );
  }
  if (o.lr === null && !o.relativeStep) {
    throw new ValueError(`${op}: 'lr' is required when 'relativeStep' is false.`);
  }
  if (o.warmupInit && !o.relativeStep) throw new ValueError(`${op}: 'warmupInit' requires 'relativeStep'.`);
}

/**
 * Adafactor with HF transformers' semantics: factored second moments for matrices (memory O(n + m)
 * instead of O(nm)), relative step sizes, update clipping and an optional first moment.
 * `new Adafactor(params)` uses the relative step; `{ lr: 1e-3, relativeStep: false, scaleParameter: false }`
 * the fixed-lr recipe T5 fine-tuning uses.
 */
export class Adafactor extends Optimizer<AdafactorOptions, AdafactorState> {
  constructor(params: ParamsInput<AdafactorOptions>, options: Partial<AdafactorOptions> = {}) {
    super(
      'Adafactor',
      params,
      {
        lr: null,
        eps: [1e-30, 1e-3],
        clipThreshold: 1,
        decayRate: -0.8,
        beta1: null,
        weightDecay: 0,
        scaleParameter: true,
        relativeStep: true,
        warmupInit: false,
        ...options,
      },
      validate,
    );
  }

  protected update(
    param: Float32Array,
    grad: Float32Array,
    state: AdafactorState | undefined,
    group: ParamGroup<AdafactorOptions>,
    shape: readonly number[],
  ): UpdateResult<AdafactorState> {
    return adafactorUpdate(param, grad, state, group, shape);
  }
}
