import type { UpdateResult } from '../optimizer';
import { betas, bool, nonNegative } from './validate';

/** Options shared by Adam and AdamW. */
export interface AdamCoreOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/** Adam / AdamW state: step count, first and second moments, and the running max for AMSGrad. */
export type AdamState = {
  step: number;
  expAvg: Float32Array;
  expAvgSq: Float32Array;
  maxExpAvgSq?: Float32Array;
};

const f = Math.fround;

/**
 * The shared Adam math, in the order of torch 1.13's `_single_tensor_adam(w)`: every tensor op rounds to
 * float32 and scalar operands are cast to float32 first, so each line below is one PyTorch kernel.
 * `decoupled` selects AdamW's `p ← p(1 − ηλ)` over Adam's L2 `g ← g + λp`. Pure: copies, then `adamCoreInPlace`.
 */
export function adamCore(
  param: Float32Array,
  grad: Float32Array,
  state: AdamState | undefined,
  o: AdamCoreOptions,
  decoupled: boolean,
): UpdateResult<AdamState> {
  const out = param.slice();
  const copy: AdamState | undefined = state && {
    step: state.step,
    expAvg: state.expAvg.slice(),
    expAvgSq: state.expAvgSq.slice(),
  };
  if (copy && state?.maxExpAvgSq) copy.maxExpAvgSq = state.maxExpAvgSq.slice();
  return { param: out, state: adamCoreInPlace(out, grad, copy, o, decoupled) };
}

/**
 * `adamCore` writing the new values into `param` and the new moments into `state`'s arrays (created
 * on the first step); returns the state. Each element is read before it is written, so the bits are
 * those of the pure version.
 */
export function adamCoreInPlace(
  param: Float32Array,
  grad: Float32Array,
  state: AdamState | undefined,
  o: AdamCoreOptions,
  decoupled: boolean,
): AdamState {
  const n = param.length;
  const [beta1, beta2] = o.betas;
  const step = (state?.step ?? 0) + 1;
  const expAvg = state?.expAvg ?? new Float32Array(n);
  const expAvgSq = state?.expAvgSq ?? new Float32Array(n);
  const maxExpAvgSq = o.amsgrad ? (state?.maxExpAvgSq ?? new Float32Array(n)) : state?.maxExpAvgSq;
  // Scalars as PyTorch computes them in Python (float64), then casts them for the float32 kernels.
  const stepSize = o.lr / (1 - beta1 ** step);
  const bc2Sqrt = f(Math.sqrt(1 - beta2 ** step));
  const negStepSize = f(-stepSize);
  const b1 = f(beta1);
  const b2 = f(beta2);
  const oneMinusB1 = f(1 - beta1);
  const oneMinusB2 = f(1 - beta2);
  const eps = f(o.eps);
  const wd = f(o.weightDecay);
  const shrink = f(1 - o.lr * o.weightDecay);
  for (let i = 0; i < n; i++) {
    let p = param[i];
    let g = o.maximize ? -grad[i] : grad[i];
    if (decoupled) p = f(p * shrink);
    else if (o.weightDecay !== 0) g = f(g + wd * p);
    const m = f(f(expAvg[i] * b1) + oneMinusB1 * g);
    const v = f(f(expAvgSq[i] * b2) + f(f(oneMinusB2 * g) * g));
    expAvg[i] = m;
    expAvgSq[i] = v;
    let vHat = v;
    if (maxExpAvgSq && o.amsgrad) {
      vHat = Math.max(maxExpAvgSq[i], v);
      maxExpAvgSq[i] = vHat;
    }
    const denom = f(f(f(Math.sqrt(vHat)) / bc2Sqrt) + eps);
    param[i] = p + f(f(negStepSize * m) / denom);
  }
  const next: AdamState = { step, expAvg, expAvgSq };
  if (maxExpAvgSq) next.maxExpAvgSq = maxExpAvgSq;
  return next;
}

/** Validates Adam-family options, naming `op` in errors. */
export function validateAdamOptions(op: string, o: AdamCoreOptions): void {
  nonNegative(op, 'lr', o.lr);
  nonNegative(op, 'eps', o.eps);
  betas(op, o.betas);
  nonNegative(op, 'weightDecay', o.weightDecay);
  bool(op, 'amsgrad', o.amsgrad);
  bool(op, 'maximize', o.maximize);
}
