import { withBackend } from '../backend';
import { arange } from '../creation';
import { Generator } from '../random';
import type { Tensor } from '../tensor';
import {
  type ConformanceOptions,
  type ConformanceResult,
  compare,
  evaluate,
  type Outcome,
} from './conformance';
import { type ConformanceCase, conformanceCases } from './conformance-cases';

/** Runs case `c` on `backend` (ops are synchronous) and reads everything back with `dataAsync()`. */
async function evaluateAsync(backend: string, c: ConformanceCase, seed: number): Promise<Outcome> {
  const { out, xs } = withBackend(backend, () => {
    const xs = c.inputs(new Generator(seed));
    const out = c.fn(...xs);
    if (out.requiresGrad) {
      // Weight outputs unevenly so each one's gradient path matters (as the sync suite does).
      const w = arange(1, out.numel + 1, 1, { dtype: out.dtype })
        .reshape(out.shape.length ? [...out.shape] : [])
        .mul(1 / Math.max(out.numel, 1));
      out.mul(w).sum().backward();
    }
    return { out, xs };
  });
  const read = async (t: Tensor) => Float64Array.from(await t.dataAsync());
  return {
    values: await read(out),
    grads: await Promise.all(xs.map((x) => (x.grad ? read(x.grad) : null))),
    shape: out.shape,
    dtype: out.dtype,
  };
}

/**
 * `checkBackendConformance` for backends whose readback is asynchronous (WebGPU): the same cases,
 * seeds and comparison with the `cpu` reference, but every value is read with `await dataAsync()`,
 * so a backend whose synchronous `data` throws can still run the whole suite.
 */
export async function checkBackendConformanceAsync(
  backend: string,
  options: ConformanceOptions = {},
): Promise<ConformanceResult[]> {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  const results: ConformanceResult[] = [];
  const cases = conformanceCases.filter((c) => !options.filter || options.filter.test(c.name));
  // Seeds follow the position in the filtered list, exactly as in the synchronous suite.
  for (const [i, c] of cases.entries()) {
    try {
      const want = evaluate('cpu', c, 1000 + i);
      const got = await evaluateAsync(backend, c, 1000 + i);
      if (got.shape.join() !== want.shape.join() || got.dtype !== want.dtype) {
        throw new Error(`output is ${got.dtype} [${got.shape}], reference ${want.dtype} [${want.shape}].`);
      }
      let worst = compare('output', got.values, want.values, rtol, atol);
      want.grads.forEach((g, k) => {
        const h = got.grads[k];
        if ((g === null) !== (h === null))
          throw new Error(`input ${k}: gradient presence differs from the reference.`);
        if (g && h) worst = Math.max(worst, compare(`grad ${k}`, h, g, rtol, atol));
      });
      results.push({ name: c.name, worst });
    } catch (e) {
      results.push({ name: c.name, worst: Number.POSITIVE_INFINITY, error: (e as Error).message });
    }
  }
  return results;
}
