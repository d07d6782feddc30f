import { beforeAll, describe, expect, it } from 'vitest';
import { f32, rng } from '../../../test/helpers/matmul-inputs';
import type { BinaryOp, Kernels, KernelTensor, UnaryOp } from '../../backend';
import {
  cpuBackend,
  findBackend,
  gelu,
  kernelFallbacks,
  logSoftmax,
  registerBackend,
  registerWasmBackend,
  type Tensor,
  tensor,
  withBackend,
} from '../../index';
import { checkBackendConformance } from '../../testing';
import { binary as cpuBinary, unary as cpuUnary, where as cpuWhere } from '../cpu/elementwise';
import { reduce as cpuReduce, softmax as cpuSoftmax } from '../cpu/reduce';
import { createWasmKernels, instantiateKernelsModule } from './index';
import { binaryForms, type WasmUnaryOp, wasmBinaryOps, wasmUnaryOps, whereForms } from './kernel-ops';
import { kernelsSimdBase64 } from './kernels-module.generated';

type Native = Pick<Kernels, 'unary' | 'binary' | 'where' | 'reduce' | 'softmax'>;

const sizes = [1, 3, 17, 65, 1000];
// Every special float32 class: zeros, denormals, the normal range's ends, the activations' bends,
// the exp/log overflow and underflow thresholds, huge values, infinities and NaN.
const specials = [
  0,
  -0,
  1e-45,
  -1e-45,
  1e-40,
  -1e-40,
  1.1754942e-38,
  -1.1754942e-38,
  1e-20,
  -1e-7,
  1e-7,
  0.5,
  -0.5,
  0.625,
  -0.625,
  0.75,
  -0.7518,
  1,
  -1,
  1.4143,
  -1.4143,
  2,
  -2,
  5,
  -5,
  7.5,
  -7.5,
  9,
  -9,
  10,
  -10,
  14,
  -14,
  15,
  -15,
  20,
  -20,
  30,
  -30,
  44,
  -44,
  80,
  -80,
  87.3,
  -87.3,
  88.72,
  -88.72,
  89,
  -89,
  103.9,
  -103.9,
  104,
  -104,
  110,
  -110,
  1e10,
  -1e10,
  1e20,
  -1e20,
  3.4e38,
  -3.4e38,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];

const kt = (data: Float32Array, shape: number[]): KernelTensor => ({ data, shape, dtype: 'float32' });

/** Values spread over many binades (|x| from 1e-13 to 1e13, both signs) and the specials. */
function wideInputs(n: number, next: () => number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) =>
    i < specials.length && n > specials.length ? specials[i] : next() * Math.exp(next() * 30),
  );
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** Largest |got - want| / (rtol |want| + atol); special values (NaN, ±Infinity) must match exactly. */
function excess(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    if (!Number.isFinite(want[i]) || !Number.isFinite(got[i])) {
      if (!same(got[i], want[i])) return Number.POSITIVE_INFINITY;
      continue;
    }
    const err = Math.abs(got[i] - want[i]);
    if (err > 0) worst = Math.max(worst, err / (rtol * Math.abs(want[i]) + atol));
  }
  return worst;
}

function expectBitwise(got: ArrayLike<number>, want: ArrayLike<number>, what: string) {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!same(got[i], want[i])) expect(`${what}[${i}] = ${got[i]}`).toBe(`${what}[${i}] = ${want[i]}`);
}

// How close to the cpu kernel (float64 math, rounded once) each unary op must be. The cpu's tanh-GELU
// loses all digits below x = -7 (1 + tanh u rounds to 0 in float64) where the wasm one does not, so
// those two are compared with an absolute floor of 1e-15, far below anything a network sees.
const unaryTolerance: Record<WasmUnaryOp, [rtol: number, atol: number] | 'bitwise'> = {
  neg: 'bitwise',
  abs: 'bitwise',
  relu: 'bitwise',
  square: 'bitwise',
  sqrt: 'bitwise',
  reciprocal: 'bitwise',
  rsqrt: [1.2e-7, 0],
  exp: [2e-7, 2 ** -149],
  expm1: [4e-7, 0],
  log: [2e-7, 0],
  tanh: [2e-7, 0],
  sigmoid: [3e-7, 2 ** -149],
  silu: [3e-7, 2 ** -149],
  gelu: [1.5e-6, 2 ** -149],
  geluGrad: [1.5e-6, 1e-7],
  geluTanh: [1e-5, 1e-15],
  geluTanhGrad: [1e-5, 1e-7],
};

describe('wasm elementwise, reduce and softmax kernels', () => {
  let native: Native;
  beforeAll(async () => {
    await registerWasmBackend({ relaxedSimd: false });
    native = createWasmKernels(await instantiateKernelsModule(), 0);
    // Every kernel in wasm whatever the size (the registered backend keeps small tensors on cpu).
    registerBackend({
      ...findBackend('wasm'),
      name: 'wasm-kernels-always',
      kernels: { ...findBackend('wasm').kernels, ...native },
    });
  });

  it('exports a function for every op and form the runtime lists, and nothing else', () => {
    const bytes = Uint8Array.from(atob(kernelsSimdBase64), (c) => c.charCodeAt(0));
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
    const expected = [
      'memory',
      ...wasmUnaryOps.map((op) => `unary_${op}`),
      ...wasmBinaryOps.flatMap((op) => Object.keys(binaryForms).map((form) => `binary_${op}_${form}`)),
      ...Object.keys(whereForms).map((form) => `where_${form}`),
      'sumRows',
      'sumColumns',
      'maxRows',
      'maxColumns',
      'softmaxRows',
      'logSoftmaxRows',
      'layerNormRows',
      'layerNormBackwardRows',
      'layerNormParamRows',
    ];
    expect(exported.sort()).toEqual(expected.sort());
  });

  for (const op of Object.keys(unaryTolerance) as WasmUnaryOp[]) {
    it(`unary ${op} matches the cpu kernel on odd sizes and every special value`, () => {
      const next = rng(11);
      for (const n of [...sizes, specials.length]) {
        const x = kt(n === specials.length ? Float32Array.from(specials) : wideInputs(n, next), [n]);
        const got = native.unary(x, op, 'float32') as Float32Array;
        const want = cpuUnary(x, op, 'float32');
        const tol = unaryTolerance[op];
        if (tol === 'bitwise') expectBitwise(got, want, `${op}(n=${n})`);
        else expect(excess(got, want, ...tol), `${op}(n=${n})`).toBeLessThanOrEqual(1);
      }
    });
  }

  it('sends other unary ops, other dtypes and empty tensors to the cpu kernel unchanged', () => {
    const x = kt(Float32Array.from([0.5, -1.5, 2.5, 3, -0]), [5]);
    for (const op of ['floor', 'round', 'sign', 'sin', 'erf', 'log1p', 'softplus', 'isnan'] as UnaryOp[])
      expectBitwise(
        native.unary(x, op, op === 'isnan' ? 'bool' : 'float32') as ArrayLike<number>,
        cpuUnary(x, op, op === 'isnan' ? 'bool' : 'float32'),
        op,
      );
    const x64 = { data: Float64Array.from([0.1, -2, 3]), shape: [3], dtype: 'float64' as const };
    expect(native.unary(x64, 'exp', 'float64')).toEqual(cpuUnary(x64, 'exp', 'float64'));
    expect(native.unary(kt(new Float32Array(0), [0]), 'exp', 'float32')).toEqual(new Float32Array(0));
  });

  // [a shape, b shape]: same shapes, scalars either side, bias-like (suffix) and per-row (prefix)
  // broadcasts either side, at sizes that leave 0-3 floats past the last whole vector in each row.
  const layouts: [number[], number[]][] = [
    [[1], [1]],
    [[3], [3]],
    [[17], [17]],
    [
      [65, 9],
      [65, 9],
    ],
    [[1000], [1000]],
    [[1000], [1]],
    [[1], [65, 3]],
    [[], [17]],
    [[7, 65], [65]],
    [[3], [5, 17, 3]],
    [
      [4, 17, 3],
      [17, 3],
    ],
    [
      [65, 1000],
      [65, 1],
    ],
    [
      [3, 1, 17],
      [3, 5, 17],
    ],
    [
      [5, 3, 1],
      [5, 3, 4],
    ],
    [
      [2, 3, 1, 1],
      [2, 3, 5, 7],
    ],
    // Not a fast layout: the cpu kernel, through the wasm one.
    [
      [2, 3, 5],
      [2, 1, 5],
    ],
    [
      [3, 1],
      [1, 4],
    ],
  ];

  for (const op of wasmBinaryOps) {
    it(`binary ${op} is bitwise the cpu kernel for every layout, NaN and Infinity included`, () => {
      const next = rng(5);
      for (const [sa, sb] of layouts) {
        const out = sa.length >= sb.length ? [...sa] : [...sb];
        for (let i = 1; i <= Math.min(sa.length, sb.length); i++)
          out[out.length - i] = Math.max(sa[sa.length - i], sb[sb.length - i]);
        for (const [a, b] of [
          [sa, sb],
          [sb, sa],
        ]) {
          const x = f32(a, next);
          const y = f32(b, next);
          // Sprinkle special values (and ties of ±0) so NaN propagation and zero signs are checked.
          const xd = x.data as Float32Array;
          const yd = y.data as Float32Array;
          xd.forEach((_, i) => {
            if (i % 7 === 3) xd[i] = specials[(i * 13) % specials.length];
          });
          yd.forEach((_, i) => {
            if (i % 5 === 1) yd[i] = specials[(i * 17) % specials.length];
            if (i % 11 === 2) yd[i] = xd[i % xd.length] === 0 ? -xd[i % xd.length] : yd[i];
          });
          expectBitwise(
            native.binary(x, y, op, out, 'float32') as Float32Array,
            cpuBinary(x, y, op, out, 'float32'),
            `${op}(${JSON.stringify(a)}, ${JSON.stringify(b)})`,
          );
        }
      }
    });
  }

  it('sends comparisons, pow and int32 operands to the cpu kernel unchanged', () => {
    const next = rng(2);
    const x = f32([4, 17], next);
    const y = f32([17], next);
    for (const op of ['pow', 'lt', 'eq', 'logicalAnd'] as BinaryOp[]) {
      const dtype = op === 'pow' ? 'float32' : 'bool';
      expectBitwise(
        native.binary(x, y, op, [4, 17], dtype) as ArrayLike<number>,
        cpuBinary(x, y, op, [4, 17], dtype),
        op,
      );
    }
    const i = {
      data: Int32Array.from({ length: 68 }, (_, k) => k - 30),
      shape: [4, 17],
      dtype: 'int32' as const,
    };
    expect(native.binary(i, i, 'mul', [4, 17], 'int32')).toEqual(cpuBinary(i, i, 'mul', [4, 17], 'int32'));
  });

  it('where is bitwise the cpu kernel for full, repeated-row and scalar operands, and falls back otherwise', () => {
    const next = rng(17);
    const bool = (shape: number[]): KernelTensor => ({
      data: Uint8Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => (next() > 0 ? 1 : 0)),
      shape,
      dtype: 'bool',
    });
    // [cond, a, b, out]: a causal mask over scores with a -inf fill, its backward (0 where masked),
    // full-size everything, odd row lengths, scalars on both sides, and layouts left to the cpu.
    const cases: [number[], number[], number[], number[]][] = [
      [[17, 17], [3, 4, 17, 17], [], [3, 4, 17, 17]],
      [[65, 65], [], [2, 65, 65], [2, 65, 65]],
      [[1000], [1000], [1000], [1000]],
      [[3, 5, 7], [3, 5, 7], [7], [3, 5, 7]],
      [[7], [3, 5, 7], [3, 5, 7], [3, 5, 7]],
      [[2, 3], [1], [1], [2, 3]],
      [
        [9, 1],
        [9, 4],
        [9, 4],
        [9, 4],
      ],
      [[], [5, 7], [5, 7], [5, 7]],
      [
        [3, 1, 7],
        [3, 5, 7],
        [3, 5, 7],
        [3, 5, 7],
      ],
    ];
    for (const [sc, sa, sb, out] of cases) {
      const cond = bool(sc);
      const a = f32(sa, next);
      const b = f32(sb, next);
      (a.data as Float32Array)[0] = Number.NaN;
      (b.data as Float32Array)[0] = Number.NEGATIVE_INFINITY;
      expectBitwise(
        native.where(cond, a, b, out, 'float32') as Float32Array,
        cpuWhere(cond, a, b, out, 'float32'),
        `where(${JSON.stringify([sc, sa, sb])})`,
      );
    }
  });

  const reduceShapes: [number[], number][] = [
    [[1], 0],
    [[3], 0],
    [[1000], 0],
    [[17, 65], 0],
    [[17, 65], 1],
    [[3, 5, 7], 0],
    [[3, 5, 7], 1],
    [[3, 5, 7], 2],
    [[2, 1000, 3], 1],
    [[65, 1], 1],
    [[1, 65], 0],
  ];

  it('sum matches the float64-accumulating cpu kernel within one float32 rounding, every axis', () => {
    const next = rng(9);
    for (const [shape, axis] of reduceShapes) {
      // Mixed magnitudes (1e-13 .. 1e13, both signs) make float32 accumulation visibly worse than float64.
      const size = shape.reduce((p, d) => p * d, 1);
      const x = kt(
        Float32Array.from({ length: size }, () => next() * Math.exp(next() * 30)),
        shape,
      );
      const got = native.reduce(x, 'sum', axis, 'float32') as Float32Array;
      // One float32 rounding of the result, plus float64 reordering drift (far below it).
      const drift = 1e-13 * (x.data as Float32Array).reduce((p, v) => p + Math.abs(v), 0);
      expect(
        excess(got, cpuReduce(x, 'sum', axis, 'float32'), 2 ** -24, drift),
        `sum ${shape} @${axis}`,
      ).toBeLessThanOrEqual(1);
    }
    // A sum that float32 accumulation gets badly wrong: 1e8 + 1000 ones - 1e8.
    const hard = new Float32Array(1002).fill(1);
    hard[0] = 1e8;
    hard[1001] = -1e8;
    expect(native.reduce(kt(hard, [1002]), 'sum', 0, 'float32')).toEqual(Float32Array.of(1000));
  });

  it('max matches the cpu kernel on every axis, NaN and Infinity included', () => {
    const next = rng(4);
    for (const [shape, axis] of reduceShapes) {
      const x = kt(
        wideInputs(
          shape.reduce((p, d) => p * d, 1),
          next,
        ),
        shape,
      );
      const want = cpuReduce(x, 'max', axis, 'float32');
      const got = native.reduce(x, 'max', axis, 'float32') as Float32Array;
      // Ties of +0 and -0 may come back as either zero; everything else is bitwise.
      expect(Array.from(got, (v, i) => same(v, want[i]) || v === want[i])).not.toContain(false);
    }
    const allNegInf = kt(new Float32Array(9).fill(Number.NEGATIVE_INFINITY), [9]);
    expect(native.reduce(allNegInf, 'max', 0, 'float32')).toEqual(Float32Array.of(Number.NEGATIVE_INFINITY));
  });

  it('sends prod, min, argmax and empty axes to the cpu kernel unchanged', () => {
    const x = f32([5, 7], rng(8));
    for (const op of ['prod', 'min'] as const)
      expect(native.reduce(x, op, 1, 'float32')).toEqual(cpuReduce(x, op, 1, 'float32'));
    expect(native.reduce(x, 'argmax', 0, 'int32')).toEqual(cpuReduce(x, 'argmax', 0, 'int32'));
    const empty = kt(new Float32Array(0), [3, 0]);
    expect(native.reduce(empty, 'sum', 1, 'float32')).toEqual(cpuReduce(empty, 'sum', 1, 'float32'));
  });

  for (const log of [false, true]) {
    it(`${log ? 'logSoftmax' : 'softmax'} along the last axis matches the cpu kernel; -Infinity rows, NaN and +Infinity too`, () => {
      const next = rng(log ? 21 : 12);
      for (const shape of [[1], [3], [17], [65], [1000], [7, 65], [4, 3, 17], [1000, 1]]) {
        const x = kt(
          Float32Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => next() * 30),
          shape,
        );
        const n = shape[shape.length - 1];
        const xd = x.data as Float32Array;
        if (xd.length >= 3 * n && n > 1) {
          xd.fill(Number.NEGATIVE_INFINITY, 0, n); // a fully masked row: 0-based max, uniform zeros / -inf
          xd[n] = Number.NaN; // a NaN row
          xd[2 * n + 1] = Number.POSITIVE_INFINITY; // a row with +inf
          xd[2 * n] = Number.NEGATIVE_INFINITY; // and a masked entry
        }
        const want = cpuSoftmax(x, shape.length - 1, log);
        const got = native.softmax(x, shape.length - 1, log) as Float32Array;
        // e^(x - m) has x - m rounded to float32 (|x - m| <= 60 here: 60 * 2^-24 relative), then one
        // division; log-softmax subtracts the float64 log-sum-exp, whose error is that of the sum.
        expect(excess(got, want, log ? 2 ** -23 : 4e-6, log ? 1e-6 : 1e-30), `${shape}`).toBeLessThanOrEqual(
          1,
        );
      }
    });
  }

  it('sends softmax over other axes to the cpu kernel unchanged', () => {
    const x = f32([3, 17, 5], rng(6));
    expect(native.softmax(x, 1, false)).toEqual(cpuSoftmax(x, 1, false));
    expect(native.softmax(x, 0, true)).toEqual(cpuSoftmax(x, 0, true));
  });

  it('passes the conformance suite with every kernel in wasm however small, with no cpu fallbacks', () => {
    kernelFallbacks(true);
    expect(checkBackendConformance('wasm-kernels-always').filter((r) => r.error || r.worst > 1)).toEqual([]);
    expect(Object.keys(kernelFallbacks(true)).filter((k) => k.startsWith('wasm'))).toEqual([]);
  });

  it('runs a layer-norm + tanh-GELU block and its gradients through the public ops like the cpu backend', () => {
    const next = rng(13);
    const input = f32([6, 33, 40], next).data as Float32Array;
    const gain = f32([40], next).data as Float32Array;
    const run = () => {
      const x = tensor(input, { shape: [6, 33, 40] }).requiresGrad_();
      const g = tensor(gain, { shape: [40] }).requiresGrad_();
      const mean = x.mean(-1, true);
      const centered = x.sub(mean);
      const normed = centered.div(centered.square().mean(-1, true).add(1e-5).sqrt()).mul(g);
      const y: Tensor = gelu(normed, { approximate: 'tanh' });
      logSoftmax(y, -1).sum().backward();
      return [y.data, x.grad!.data, g.grad!.data];
    };
    const want = withBackend('cpu', run);
    const got = withBackend('wasm', run);
    for (const [i, g] of got.entries())
      expect(excess(g, want[i], 1e-4, 1e-5), `output ${i}`).toBeLessThanOrEqual(1);
  });

  it('is what registerWasmBackend installs, and leaves the cpu backend alone', () => {
    const wasm = findBackend('wasm');
    expect(wasm.kernels.unary).not.toBe(cpuBackend.kernels.unary);
    expect(wasm.kernels.binary).not.toBe(cpuBackend.kernels.binary);
    expect(wasm.kernels.reduce).not.toBe(cpuBackend.kernels.reduce);
    expect(wasm.kernels.softmax).not.toBe(cpuBackend.kernels.softmax);
  });
});
