import { withBackend } from '../backend';
import { arange } from '../creation';
import { Generator } from '../random';
import type { Tensor } from '../tensor';
import { type ConformanceCase, conformanceCases } from './conformance-cases';

export interface ConformanceResult {
  readonly name: string;
  /** Largest |candidate - reference| / (atol/rtol + |reference|) seen over outputs and gradients; <= 1 passes. */
  readonly worst: number;
  readonly error?: string;
}

export interface ConformanceOptions {
  rtol?: number;
  atol?: number;
  /** Only cases whose name matches. */
  filter?: RegExp;
}

/** @internal What one case produced on one backend. */
export interface Outcome {
  values: Float64Array;
  grads: (Float64Array | null)[];
  shape: readonly number[];
  dtype: string;
}

/**
 * @internal Runs case `c` on `backend`: its inputs drawn from `seed`, its output, and (when the output
 * requires grad) a backward pass through an uneven weighting, so each output's gradient path matters.
 */
export function runCase(backend: string, c: ConformanceCase, seed: number): { out: Tensor; xs: Tensor[] } {
  return withBackend(backend, () => {
    const xs = c.inputs(new Generator(seed));
    const out = c.fn(...xs);
    if (out.requiresGrad) {
      const w = arange(1, out.numel + 1, 1, { dtype: out.dtype })
        .reshape(out.shape.length ? [...out.shape] : [])
        .mul(1 / Math.max(out.numel, 1));
      out.mul(w).sum().backward();
    }
    return { out, xs };
  });
}

/** @internal Runs case `c` on `backend` and reads its output and input gradients synchronously. */
export function evaluate(backend: string, c: ConformanceCase, seed: number): Outcome {
  const { out, xs } = runCase(backend, c, seed);
  return {
    values: Float64Array.from(out.data),
    grads: xs.map((x) => (x.grad ? Float64Array.from(x.grad.data) : null)),
    shape: out.shape,
    dtype: out.dtype,
  };
}

/** @internal Largest scaled difference of `got` from `want`; throws naming the first value out of tolerance. */
export function compare(
  name: string,
  got: Float64Array,
  want: Float64Array,
  rtol: number,
  atol: number,
): number {
  if (got.length !== want.length)
    throw new Error(`${name}: ${got.length} values, reference has ${want.length}.`);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const b = want[i];
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) throw new Error(`${name}[${i}]: got ${a}, reference ${b}.`);
      continue;
    }
    if (!Number.isFinite(b) || !Number.isFinite(a)) {
      if (a !== b) throw new Error(`${name}[${i}]: got ${a}, reference ${b}.`);
      continue;
    }
    const ratio = Math.abs(a - b) / (atol + rtol * Math.abs(b));
    if (ratio > 1) throw new Error(`${name}[${i}]: got ${a}, reference ${b} (|diff| ${Math.abs(a - b)}).`);
    worst = Math.max(worst, ratio);
  }
  return worst;
}

/**
 * Runs every conformance case on `backend` and on the reference `cpu` backend and compares the
 * outputs and all input gradients. Returns one result per case; failures carry an `error`.
 */
export function checkBackendConformance(
  backend: string,
  options: ConformanceOptions = {},
): ConformanceResult[] {
  return selectCases(options).map((c, i) =>
    judge(c.name, options, () => [evaluate('cpu', c, 1000 + i), evaluate(backend, c, 1000 + i)]),
  );
}

/** @internal The cases `options.filter` selects, in suite order (their index seeds their inputs). */
export function selectCases(options: ConformanceOptions): readonly ConformanceCase[] {
  return conformanceCases.filter((c) => !options.filter || options.filter.test(c.name));
}

/**
 * @internal Compares a backend's outcome of one case with the reference's (shape, dtype, values and
 * every input gradient); any error, thrown while evaluating or comparing, fails the case.
 */
export function judge(
  name: string,
  options: ConformanceOptions,
  outcomes: () => readonly [want: Outcome, got: Outcome],
): ConformanceResult {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  try {
    const [want, got] = outcomes();
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
    return { name, worst };
  } catch (e) {
    return { name, worst: Number.POSITIVE_INFINITY, error: (e as Error).message };
  }
}
