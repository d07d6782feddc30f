import type { TensorOptions } from './creation';
import { allocate, type DType } from './dtype';
import { ValueError } from './errors';
import { checkShape } from './internal/shape';
import { fromData, type Tensor } from './tensor';

/** splitmix32: spreads one 32-bit seed word into well-mixed state words. */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/** The serialisable state of a `Generator`. */
export interface GeneratorState {
  s: [number, number, number, number];
  /** A cached second normal from the last Box-Muller pair, or null. */
  spare: number | null;
}

/**
 * A seeded random number generator (xoshiro128**), the same numbers on every JS runtime: all state
 * updates are 32-bit integer operations. Pass one to random functions as `{ generator }` for an
 * independent stream, like `torch.Generator`.
 */
export class Generator {
  #s = new Uint32Array(4);
  #spare: number | null = null;
  #seed = 0;

  constructor(seed = 67280421310721) {
    this.manualSeed(seed);
  }

  /** Resets the stream from `seed` (a non-negative integer up to 2^53). */
  manualSeed(seed: number): this {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new ValueError(`manualSeed: 'seed' must be a non-negative safe integer, got ${seed}.`);
    }
    this.#seed = seed;
    let st = (seed % 0x100000000) ^ Math.floor(seed / 0x100000000);
    for (let i = 0; i < 4; i++) {
      const [next, out] = splitmix32(st);
      st = next;
      this.#s[i] = out;
    }
    if (this.#s.every((v) => v === 0)) this.#s[0] = 1;
    this.#spare = null;
    return this;
  }

  /** The seed last given to `manualSeed`. */
  initialSeed(): number {
    return this.#seed;
  }

  /** A uniformly random unsigned 32-bit integer. */
  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal sample (Box-Muller; the second value of each pair is kept for the next call). */
  nextNormal(): number {
    if (this.#spare !== null) {
      const v = this.#spare;
      this.#spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.nextDouble();
    const v = this.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A uniform integer in [low, high). */
  nextInt(low: number, high: number): number {
    const range = high - low;
    if (range <= 0x100000000) {
      // Rejection sampling removes modulo bias.
      const limit = Math.floor(0x100000000 / range) * range;
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % range);
    }
    return low + Math.floor(this.nextDouble() * range);
  }

  getState(): GeneratorState {
    const s = this.#s;
    return { s: [s[0], s[1], s[2], s[3]], spare: this.#spare };
  }

  setState(state: GeneratorState): this {
    if (!state || !Array.isArray(state.s) || state.s.length !== 4) {
      throw new ValueError("Generator.setState: 'state' must come from getState().");
    }
    this.#s.set(state.s);
    this.#spare = state.spare;
    return this;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator random functions use when none is passed. */
export const defaultGenerator = new Generator();

/** Seeds the default generator, like `torch.manual_seed`. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}

export interface RandomOptions extends TensorOptions {
  generator?: Generator;
}

function fill(
  op: string,
  shape: readonly number[],
  options: RandomOptions | undefined,
  dtype: DType,
  sample: (g: Generator) => number,
): Tensor {
  const s = checkShape(op, 'shape', [...shape]);
  const g = options?.generator ?? defaultGenerator;
  const data = allocate(
    dtype,
    s.reduce((a, b) => a * b, 1),
  );
  for (let i = 0; i < data.length; i++) data[i] = sample(g);
  const t = fromData(data, s, dtype);
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

function floatType(op: string, options: RandomOptions | undefined): DType {
  const dtype = options?.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new ValueError(`${op}: 'dtype' must be float32 or float64, got ${dtype}.`);
  return dtype;
}

/** Uniform samples in [0, 1). */
export function rand(shape: readonly number[], options?: RandomOptions): Tensor {
  const dtype = floatType('rand', options);
  // float32 draws use 24 bits so rounding can never produce 1.0.
  return fill(
    'rand',
    shape,
    options,
    dtype,
    dtype === 'float32' ? (g) => (g.nextUint32() >>> 8) / 16777216 : (g) => g.nextDouble(),
  );
}

/** Standard normal samples. */
export function randn(shape: readonly number[], options?: RandomOptions): Tensor {
  return fill('randn', shape, options, floatType('randn', options), (g) => g.nextNormal());
}

/** Uniform integers in [low, high), int32 unless `dtype` says otherwise. */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options?: RandomOptions,
): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ValueError(
      `randint: 'low' and 'high' must be integers with low < high, got ${low} and ${high}.`,
    );
  }
  return fill('randint', shape, options, options?.dtype ?? 'int32', (g) => g.nextInt(low, high));
}

/** A random permutation of 0..n-1 (Fisher-Yates), int32. */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (!Number.isInteger(n) || n < 0)
    throw new ValueError(`randperm: 'n' must be a non-negative integer, got ${n}.`);
  const g = options?.generator ?? defaultGenerator;
  const data = new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextInt(0, i + 1);
    const tmp = data[i];
    data[i] = data[j];
    data[j] = tmp;
  }
  return fromData(data, [n], 'int32');
}

export const randLike = (like: Tensor, options?: RandomOptions): Tensor =>
  rand(like.shape, { dtype: like.dtype, ...options });
export const randnLike = (like: Tensor, options?: RandomOptions): Tensor =>
  randn(like.shape, { dtype: like.dtype, ...options });
export const randintLike = (like: Tensor, low: number, high: number, options?: RandomOptions): Tensor =>
  randint(low, high, like.shape, { dtype: like.dtype, ...options });
