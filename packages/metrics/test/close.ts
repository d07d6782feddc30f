import { afterAll, expect } from 'vitest';

/** Largest relative deviation seen per suite, so the README's tolerance table stays honest. */
export const worst: Record<string, number> = {};

/** Asserts |a − b| ≤ tol · max(1, |b|) element-wise over numbers, arrays and plain objects. */
export function expectClose(
  actual: unknown,
  expected: unknown,
  tol = 1e-12,
  suite = 'default',
  path = '$',
): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    const dev = Math.abs(a - expected) / Math.max(1, Math.abs(expected));
    worst[suite] = Math.max(worst[suite] ?? 0, dev);
    if (!(dev <= tol)) expect(a, `${path} (tol ${tol})`).toBe(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    for (const [i, e] of expected.entries())
      expectClose((actual as unknown[])[i], e, tol, suite, `${path}[${i}]`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[k], v, tol, suite, `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

// `PARITY_REPORT=1 npx vitest run` prints the worst deviation per suite (the README's tolerance column).
if (process.env.PARITY_REPORT) afterAll(() => console.log('parity', JSON.stringify(worst)));
