import type { Tensor } from '../tensor';
import {
  type ConformanceOptions,
  type ConformanceResult,
  evaluate,
  judge,
  type Outcome,
  runCase,
  selectCases,
} from './conformance';
import type { ConformanceCase } from './conformance-cases';

/** Runs case `c` on `backend` (ops are synchronous) and reads everything back with `dataAsync()`. */
async function evaluateAsync(backend: string, c: ConformanceCase, seed: number): Promise<Outcome> {
  const { out, xs } = runCase(backend, c, seed);
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
  const results: ConformanceResult[] = [];
  // Seeds follow the position in the filtered list, exactly as in the synchronous suite. Each case is
  // evaluated first (asynchronously), then judged like a synchronous one.
  for (const [i, c] of selectCases(options).entries()) {
    let outcomes: readonly [Outcome, Outcome] | Error;
    try {
      outcomes = [evaluate('cpu', c, 1000 + i), await evaluateAsync(backend, c, 1000 + i)];
    } catch (e) {
      outcomes = e as Error;
    }
    results.push(
      judge(c.name, options, () => {
        if (outcomes instanceof Error) throw outcomes;
        return outcomes;
      }),
    );
  }
  return results;
}
