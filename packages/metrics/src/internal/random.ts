/**
 * mulberry32: a 32-bit seeded PRNG, small and fast, good enough for bootstrap resampling; the same
 * seed gives the same stream on every platform (parity/generate.py mirrors it to build fixtures).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** NumPy's default `np.percentile(values, q)` (linear interpolation between closest ranks). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const frac = pos - lo;
  const diff = sorted[hi]! - sorted[lo]!;
  // NumPy's _lerp interpolates from the nearer end.
  return frac >= 0.5 ? sorted[hi]! - diff * (1 - frac) : sorted[lo]! + diff * frac;
}
