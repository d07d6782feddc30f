import { mean, sum, type Tensor, ValueError } from '@llm/tensor';
import type { Reduction } from '../reduction';

const REDUCTIONS: readonly string[] = ['mean', 'sum', 'none'];

/** Validates `reduction` (default `'mean'`) against the values `op` accepts. */
export function checkReduction<R extends string = Reduction>(
  op: string,
  reduction: unknown,
  allowed: readonly string[] = REDUCTIONS,
): R {
  const value = reduction ?? 'mean';
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ValueError(
      `${op}: 'reduction' must be one of ${allowed.map((r) => `'${r}'`).join(', ')}, got ${formatValue(reduction)}.`,
    );
  }
  return value as R;
}

/** Reduces an unreduced loss tensor: mean over all elements, sum, or unchanged for `'none'`. */
export function applyReduction(loss: Tensor, reduction: unknown, op: string): Tensor {
  const r = checkReduction(op, reduction);
  if (r === 'none') return loss;
  return r === 'sum' ? sum(loss) : mean(loss);
}

export function formatValue(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
