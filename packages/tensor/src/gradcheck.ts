import { noGrad } from './autograd';
import { tensor } from './creation';
import { isFloat } from './dtype';
import { ValueError } from './errors';
import type { Tensor } from './tensor';

export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance. Default 1e-3. */
  rtol?: number;
  /** Throw with a report on mismatch (default) instead of returning false. */
  raiseException?: boolean;
}

/**
 * Compares the autograd gradient of `fn` with central finite differences, both in float64, like
 * `torch.autograd.gradcheck`. `fn` may return any shape: its outputs are reduced with fixed random
 * weights so every output element is checked. Returns true when every element is within
 * `atol + rtol * |numeric|`.
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): boolean {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const raise = options.raiseException ?? true;
  const xs = inputs.map((x) => {
    const copy = tensor(Float64Array.from(x.data), {
      shape: x.shape,
      dtype: isFloat(x.dtype) ? 'float64' : x.dtype,
    });
    if (isFloat(x.dtype) && x.requiresGrad) copy.requiresGrad = true;
    return copy;
  });
  if (!xs.some((x) => x.requiresGrad))
    throw new ValueError('gradcheck: at least one input must have requiresGrad set.');
  const probe = noGrad(() => fn(...xs));
  // Fixed pseudo-random output weights make a scalar objective sensitive to every output element.
  const weights = tensor(
    Float64Array.from({ length: probe.numel }, (_, i) => 0.5 + ((i * 7919) % 13) / 13),
    { shape: probe.shape, dtype: 'float64' },
  );
  const objective = (...args: Tensor[]): Tensor =>
    fn(...args)
      .mul(weights)
      .sum();
  objective(...xs).backward();
  const failures: string[] = [];
  xs.forEach((x, k) => {
    if (!x.requiresGrad) return;
    const analytic = x.grad ? x.grad.data : new Float64Array(x.numel);
    const base = x.data as Float64Array;
    for (let i = 0; i < x.numel; i++) {
      const orig = base[i];
      const at = (v: number): number => {
        const data = Float64Array.from(base);
        data[i] = v;
        const moved = xs.map((y, j) =>
          j === k ? tensor(data, { shape: x.shape, dtype: 'float64' }) : y.detach(),
        );
        return noGrad(() => objective(...moved).item());
      };
      const numeric = (at(orig + eps) - at(orig - eps)) / (2 * eps);
      const diff = Math.abs(numeric - analytic[i]);
      if (!(diff <= atol + rtol * Math.abs(numeric))) {
        failures.push(`input ${k} element ${i}: analytic ${analytic[i]}, numeric ${numeric}`);
      }
    }
  });
  if (failures.length > 0 && raise) {
    throw new ValueError(
      `gradcheck: ${failures.length} gradient(s) differ from finite differences:\n  ${failures.slice(0, 10).join('\n  ')}`,
    );
  }
  return failures.length === 0;
}
