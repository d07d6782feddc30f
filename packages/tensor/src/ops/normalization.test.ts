import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import {
  type Backend,
  Generator,
  gradcheck,
  hasKernel,
  type Kernels,
  kernelFallbacks,
  layerNorm,
  randn,
  registerBackend,
  ShapeError,
  type Tensor,
  tensor,
  ValueError,
  withBackend,
} from '../index';

const gen = new Generator(20261123);

function draw(shape: number[], dtype: 'float32' | 'float64' = 'float64', scale = 1, shift = 0): Tensor {
  return randn(shape, { generator: gen, dtype }).mul(scale).add(shift).detach().requiresGrad_();
}

// A backend with every cpu kernel except the fused layer-norm ones, as `@llm/kernels-gpu` is.
const { layerNorm: _f, layerNormBackward: _b, layerNormParamGrad: _p, ...primitives } = cpuBackend.kernels;
const calls: string[] = [];
const counted = Object.fromEntries(
  Object.entries(primitives).map(([name, kernel]) => [
    name,
    (...args: unknown[]) => {
      calls.push(name);
      return (kernel as (...a: unknown[]) => unknown)(...args);
    },
  ]),
) as Partial<Kernels>;
const noFusedBackend: Backend = {
  name: 'no-fused-layer-norm',
  upload: (data) => data,
  download: (data) => data as ReturnType<Backend['download']>,
  kernels: counted,
};
registerBackend(noFusedBackend);

/** Output and input gradients of `layerNorm(x, shape, w, b)` after backward through fixed weights. */
function run(backend: string, x: Tensor, shape: number[], w: Tensor | null, b: Tensor | null) {
  return withBackend(backend, () => {
    const inputs = [x, w, b].map((t) => t?.detach().requiresGrad_(t.requiresGrad) ?? null);
    const y = layerNorm(inputs[0]!, shape, inputs[1], inputs[2]);
    const up = tensor(
      Float64Array.from({ length: y.numel }, (_, i) => Math.sin(i + 1)),
      {
        shape: y.shape,
        dtype: y.dtype,
      },
    );
    y.mul(up).sum().backward();
    return { y, grads: inputs.map((t) => t?.grad ?? null), gradFn: y.gradFn?.name };
  });
}

function expectClose(a: Tensor | null, b: Tensor | null, rtol: number, atol: number) {
  expect(a === null).toBe(b === null);
  if (!a || !b) return;
  expect(a.shape).toEqual(b.shape);
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < y.length; i++)
    expect(Math.abs(x[i] - y[i])).toBeLessThanOrEqual(atol + rtol * Math.abs(y[i]));
}

describe('layerNorm', () => {
  const shapes: [number[], number[]][] = [
    [[3, 5], [5]],
    [
      [2, 3, 4],
      [3, 4],
    ],
    [
      [2, 2, 3, 2],
      [2, 3, 2],
    ],
    [[7], [7]],
  ];

  for (const [xShape, shape] of shapes) {
    for (const [affine, withW, withB] of [
      ['weight and bias', true, true],
      ['weight only', true, false],
      ['bias only', false, true],
      ['no affine', false, false],
    ] as const) {
      it(`passes gradcheck (float64) for input [${xShape}] over [${shape}], ${affine}`, () => {
        const x = draw(xShape, 'float64', 2, 0.5);
        const w = withW ? draw(shape, 'float64', 0.5, 1) : null;
        const b = withB ? draw(shape) : null;
        const inputs = [x, w, b].filter((t): t is Tensor => t !== null);
        const fn = (xi: Tensor, ...rest: Tensor[]) =>
          layerNorm(xi, shape, withW ? rest[0] : null, withB ? rest[rest.length - 1] : null);
        expect(gradcheck(fn, inputs, { atol: 1e-6, rtol: 1e-5 })).toBe(true);
      });
    }
  }

  it('passes gradcheck when only the affine parameters require grad', () => {
    const x = draw([4, 6]).detach();
    const w = draw([6], 'float64', 0.5, 1);
    const b = draw([6]);
    expect(gradcheck((wi, bi) => layerNorm(x, [6], wi, bi), [w, b])).toBe(true);
    const y = layerNorm(x, 6, w, b);
    y.sum().backward();
    expect(x.grad).toBeNull();
  });

  it('is one graph node on cpu and normalizes each row to mean 0, variance 1', () => {
    const x = draw([5, 16], 'float32', 3, 7);
    const y = layerNorm(x, [16]);
    expect(y.gradFn?.name).toBe('LayerNormBackward');
    expect(y.gradFn?.inputs).toEqual([x]);
    const m = y.mean(-1);
    const v = y.square().mean(-1);
    for (let r = 0; r < 5; r++) {
      expect(Math.abs(m.data[r])).toBeLessThan(1e-6);
      expect(v.data[r]).toBeCloseTo(1 / (1 + 1e-5 / x.detach().var(-1, { unbiased: false }).data[r]), 5);
    }
  });

  it('composes from primitives on a backend without the fused kernels, with no cpu fallback', () => {
    withBackend('no-fused-layer-norm', () => expect(hasKernel('layerNorm')).toBe(false));
    expect(hasKernel('layerNorm')).toBe(true);
    kernelFallbacks(true);
    calls.length = 0;
    const x = draw([4, 3, 8], 'float32');
    const w = draw([3, 8], 'float32', 0.5, 1);
    const b = draw([3, 8], 'float32');
    const composed = run('no-fused-layer-norm', x, [3, 8], w, b);
    expect(composed.gradFn).not.toBe('LayerNormBackward');
    expect(calls).toContain('reduce');
    expect(calls).not.toContain('layerNorm');
    expect(kernelFallbacks(true)).toEqual({});
    const fused = run('cpu', x, [3, 8], w, b);
    expect(fused.gradFn).toBe('LayerNormBackward');
    expectClose(fused.y, composed.y, 1e-5, 1e-6);
    fused.grads.forEach((g, k) => {
      expectClose(g, composed.grads[k], 1e-4, 1e-5);
    });
  });

  it('agrees with the composition in float64 to rounding', () => {
    const x = draw([6, 10], 'float64', 4, -2);
    const w = draw([10], 'float64', 0.5, 1);
    const b = draw([10]);
    const fused = run('cpu', x, [10], w, b);
    const composed = run('no-fused-layer-norm', x, [10], w, b);
    expect(fused.y.dtype).toBe('float64');
    expectClose(fused.y, composed.y, 1e-12, 1e-13);
    fused.grads.forEach((g, k) => {
      expectClose(g, composed.grads[k], 1e-11, 1e-12);
    });
  });

  it('keeps a NaN or infinity inside its own row', () => {
    const x = tensor(
      [
        [1, 2, Number.NaN, 4],
        [1, 2, 3, 4],
        [Number.POSITIVE_INFINITY, 0, 0, 0],
      ],
      { requiresGrad: true },
    );
    const y = layerNorm(x, [4]);
    const rows = y.toArray() as number[][];
    expect(rows[0].every(Number.isNaN)).toBe(true);
    expect(rows[2].every(Number.isNaN)).toBe(true);
    expect(rows[1].every(Number.isFinite)).toBe(true);
    y.sum().backward();
    const g = x.grad!.toArray() as number[][];
    expect(g[1].every(Number.isFinite)).toBe(true);
  });

  it('accepts an empty batch', () => {
    const y = layerNorm(tensor(new Float32Array(0), { shape: [0, 4] }), [4]);
    expect(y.shape).toEqual([0, 4]);
  });

  it('rejects bad arguments with the argument, expected and actual values', () => {
    const x = draw([2, 3]);
    expect(() => layerNorm(x, [4])).toThrow(ShapeError);
    expect(() => layerNorm(x, [4])).toThrow(
      "layerNorm: 'input' [2, 3] must end in 'normalizedShape' [4], got trailing [3].",
    );
    expect(() => layerNorm(draw([3]), [2, 3])).toThrow("'input' [3] must end in 'normalizedShape' [2, 3]");
    expect(() => layerNorm(x, [3], draw([4]))).toThrow(
      "layerNorm: 'weight' must have shape [3] to match 'normalizedShape', got [4].",
    );
    expect(() => layerNorm(x, [3], null, draw([1, 3]))).toThrow("'bias' must have shape [3]");
    expect(() => layerNorm(x, [3], draw([3], 'float32'))).toThrow(
      "layerNorm: 'weight' must have dtype float64 to match 'input', got float32.",
    );
    expect(() => layerNorm(tensor([1, 2], { dtype: 'int32' }), [2])).toThrow(
      "layerNorm: 'input' must be a float tensor, got dtype int32.",
    );
    expect(() => layerNorm(x, [0])).toThrow(ValueError);
    expect(() => layerNorm(x, [])).toThrow("'normalizedShape' must hold positive integers, got [].");
    expect(() => layerNorm(x, [3], null, null, -1)).toThrow("'eps' must be a finite number >= 0, got -1.");
  });
});

describe('Tensor.layerNorm', () => {
  it('is the layerNorm function as a method', () => {
    const x = randn([3, 4], { generator: new Generator(5) });
    const w = randn([4], { generator: new Generator(6) });
    expect(Array.from(x.layerNorm(4, w, null, 1e-3).data)).toEqual(
      Array.from(layerNorm(x, [4], w, null, 1e-3).data),
    );
  });
});
