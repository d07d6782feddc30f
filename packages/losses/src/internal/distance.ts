import { abs, add, clamp, div, pow, sqrt, square, sub, sum, type Tensor } from '@llm/tensor';

/** `||a - b + eps||_p` over the last dim, as `torch.nn.functional.pairwise_distance` computes it. */
export function pairwiseDistance(a: Tensor, b: Tensor, p: number, eps: number): Tensor {
  const d = add(sub(a, b), eps);
  if (p === 2) return sqrt(sum(square(d), -1));
  if (p === 1) return sum(abs(d), -1);
  return pow(sum(pow(abs(d), p), -1), 1 / p);
}

/** Rows scaled to unit L2 norm, `x / max(||x||, eps)`, like `torch.nn.functional.normalize`. */
export function normalizeRows(x: Tensor, eps = 1e-12): Tensor {
  return div(x, clamp(sqrt(sum(square(x), -1, true)), eps));
}
