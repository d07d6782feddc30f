import { noGrad, type Tensor, ValueError } from '@llm/tensor';

const f = Math.fround;

function withGrads(op: string, params: Tensor | Iterable<Tensor>): Tensor[] {
  const list =
    params instanceof Object && Symbol.iterator in params
      ? [...(params as Iterable<Tensor>)]
      : [params as Tensor];
  list.forEach((p, i) => {
    if (p?.grad === undefined) throw new ValueError(`${op}: 'params[${i}]' must be a Tensor.`);
  });
  return list.filter((p) => p.grad !== null);
}

/** The p-norm of float32 values as torch computes it (float64 accumulation, float32 result). */
function norm(x: ArrayLike<number>, p: number): number {
  if (p === Number.POSITIVE_INFINITY) {
    let m = 0;
    for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
    return m;
  }
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]) ** p;
  return f(p === 2 ? Math.sqrt(s) : s ** (1 / p));
}

export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/**
 * Rescales the gradients of `params` in place so that their joint norm is at most `maxNorm`, and
 * returns the joint norm before clipping — `torch.nn.utils.clip_grad_norm_`:
 * `‖g‖ = ‖(‖g₁‖ₚ, …, ‖gₙ‖ₚ)‖ₚ`, `g ← g · min(1, maxNorm / (‖g‖ + 1e-6))`. `normType` may be `Infinity`
 * (the largest |g|). Parameters whose `grad` is `null` are skipped.
 */
export function clipGradNorm(
  params: Tensor | Iterable<Tensor>,
  maxNorm: number,
  normType = 2,
  options: ClipGradNormOptions = {},
): number {
  const op = 'clipGradNorm';
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm) || maxNorm < 0) {
    throw new ValueError(`${op}: 'maxNorm' must be a non-negative number, got ${maxNorm}.`);
  }
  if (typeof normType !== 'number' || !(normType > 0)) {
    throw new ValueError(`${op}: 'normType' must be a positive number or Infinity, got ${normType}.`);
  }
  const list = withGrads(op, params);
  if (list.length === 0) return 0;
  const norms = list.map((p) => norm(p.grad!.peekData(), normType));
  const total = norms.length === 1 ? norms[0] : norm(norms, normType);
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new ValueError(
      `${op}: the total norm of order ${normType} of the gradients is non-finite (${total}), so it cannot be clipped; set 'errorIfNonfinite' to false to scale by it anyway.`,
    );
  }
  // torch: clip_coef = max_norm / (total_norm + 1e-6), clamped to 1, always multiplied in.
  const coef = Math.min(f(f(maxNorm) / f(total + f(1e-6))), 1);
  noGrad(() => {
    // In place where the gradient owns its storage; float32 rounding as torch's float32 kernel does.
    for (const p of list) {
      p.grad!.assignWith((out, g) => {
        for (let i = 0; i < g.length; i++) out[i] = f(g[i] * coef);
      });
    }
  });
  return total;
}

/**
 * Clamps every gradient element of `params` into `[−clipValue, clipValue]` in place —
 * `torch.nn.utils.clip_grad_value_`. Parameters whose `grad` is `null` are skipped.
 */
export function clipGradValue(params: Tensor | Iterable<Tensor>, clipValue: number): void {
  const op = 'clipGradValue';
  if (typeof clipValue !== 'number' || !(clipValue >= 0)) {
    throw new ValueError(`${op}: 'clipValue' must be a non-negative number, got ${clipValue}.`);
  }
  const list = withGrads(op, params);
  noGrad(() => {
    for (const p of list) p.grad!.assign(p.grad!.clamp(-clipValue, clipValue));
  });
}
