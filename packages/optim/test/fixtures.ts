import { readFileSync } from 'node:fs';

/** Reads a parity fixture written by parity/generate.py. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../parity/fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface ErrorStats {
  /** max |a − b|. */
  maxAbs: number;
  /** max |a − b| / max(|b|, 1): relative error, absolute below the parameters' unit scale. */
  maxRel: number;
  /** max |a − b| / |b| over elements with |b| ≥ 0.1 (pure relative error away from zero crossings). */
  maxRelStrict: number;
}

/**
 * Compares float32 results with a fixture. Pure relative error is meaningless for a value that
 * passes through zero (its absolute error stays at the scale of the values it came from), so the
 * test criterion floors the denominator at 1, the scale of the parameters (like allclose with
 * rtol = atol); `maxRelStrict` reports the pure relative error where |b| ≥ 0.1.
 */
export function compare(actual: ArrayLike<number>, expected: ArrayLike<number>): ErrorStats {
  let maxAbs = 0;
  let maxRel = 0;
  let maxRelStrict = 0;
  for (let i = 0; i < expected.length; i++) {
    const b = Math.fround(expected[i]);
    const d = Math.abs(actual[i] - b);
    maxAbs = Math.max(maxAbs, d);
    maxRel = Math.max(maxRel, d / Math.max(Math.abs(b), 1));
    if (Math.abs(b) >= 0.1) maxRelStrict = Math.max(maxRelStrict, d / Math.abs(b));
  }
  return { maxAbs, maxRel, maxRelStrict };
}
