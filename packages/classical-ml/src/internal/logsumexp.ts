/** log Σ exp(v), stable. */
export function logSumExp(v: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const x of v) if (x > max) max = x;
  if (!Number.isFinite(max)) return max;
  let s = 0;
  for (const x of v) s += Math.exp(x - max);
  return max + Math.log(s);
}
