import {
  cat,
  findBackend,
  Generator,
  IndexError,
  type KernelTensor,
  randn,
  setBackend,
  type Tensor,
  tensor,
  where,
  withBackend,
} from '@llm/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { fallbackReport, registerGpuBackend } from './index';

// Kernel-level checks on gpu.js's webasm mode, which computes in true float32 like a GPU does
// (the cpu mode computes in float64 JS and would hide float32 accuracy problems).
const NAME = 'kernels-webasm';

beforeAll(async () => {
  await registerGpuBackend({ mode: 'webasm', name: NAME });
  setBackend('cpu');
});

/** Runs `fn` on the gpu backend and on cpu with the same seeded inputs; returns both results. */
function both(fn: (g: Generator) => Tensor, seed = 7): { gpu: Float32Array; cpu: Float32Array } {
  const read = (t: Tensor) => Float32Array.from(t.data);
  return {
    gpu: withBackend(NAME, () => read(fn(new Generator(seed)))),
    cpu: withBackend('cpu', () => read(fn(new Generator(seed)))),
  };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rtol = 1e-4, atol = 1e-5): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = atol + rtol * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tol))
      throw new Error(`value ${i}: got ${got[i]}, want ${want[i]} (tolerance ${tol})`);
  }
}

/** A float32 tensor on the gpu backend as a kernel argument. */
function kernelTensor(values: Float32Array, shape: number[]): KernelTensor {
  return { data: findBackend(NAME).upload(values, 'float32'), shape, dtype: 'float32' };
}

function seeded(n: number, seed: number): Float32Array {
  const g = new Generator(seed);
  return Float32Array.from(withBackend('cpu', () => randn([n], { generator: g })).data);
}

describe('elementwise and matmul on odd sizes', () => {
  it.each([1, 3, 17, 65])('matches cpu for size %i (broadcast add, gelu, matmul)', (n) => {
    const { gpu, cpu } = both((g) => {
      const a = randn([n, 1], { generator: g });
      const b = randn([1, n + 2], { generator: g });
      const c = randn([n + 2, 3], { generator: g });
      return a.add(b).gelu().matmul(c);
    });
    expectClose(gpu, cpu);
  });

  it('broadcasts rank-mismatched operands in every binary op and where', () => {
    const { gpu, cpu } = both((g) => {
      const a = randn([2, 3, 1, 5], { generator: g });
      const b = randn([4, 1], { generator: g });
      const m = randn([3, 4, 1], { generator: g }).gt(0);
      return where(m, a.pow(2).sub(b.mul(3)).maximum(b), a);
    });
    expectClose(gpu, cpu);
  });
});

describe('matmul kernel', () => {
  /** Float64 reference of the batched product with the same operand layouts as the kernel. */
  function reference(
    a: Float32Array,
    aShape: number[],
    b: Float32Array,
    bShape: number[],
    ta: boolean,
    tb: boolean,
  ) {
    const [Ba, a1, a2] = aShape;
    const [Bb, b1, b2] = bShape;
    const [M, K] = ta ? [a2, a1] : [a1, a2];
    const N = tb ? b1 : b2;
    const B = Math.max(Ba, Bb);
    const out = new Float64Array(B * M * N);
    for (let bi = 0; bi < B; bi++)
      for (let m = 0; m < M; m++)
        for (let n = 0; n < N; n++) {
          let s = 0;
          for (let k = 0; k < K; k++) {
            const av = a[(Ba === 1 ? 0 : bi) * a1 * a2 + (ta ? k * M + m : m * K + k)];
            const bv = b[(Bb === 1 ? 0 : bi) * b1 * b2 + (tb ? n * K + k : k * N + n)];
            s += av * bv;
          }
          out[(bi * M + m) * N + n] = s;
        }
    return out;
  }

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('is right with transA=%s transB=%s, a batch of 3 against a broadcast batch of 1', (ta, tb) => {
    const [M, K, N] = [5, 17, 3];
    const aShape = ta ? [3, K, M] : [3, M, K];
    const bShape = tb ? [1, N, K] : [1, K, N];
    const a = seeded(3 * M * K, 1);
    const b = seeded(K * N, 2);
    const backend = findBackend(NAME);
    const out = backend.kernels.matmul!(kernelTensor(a, aShape), kernelTensor(b, bShape), ta, tb);
    const got = backend.download(out, 'float32', 3 * M * N);
    expectClose(got, reference(a, aShape, b, bShape, ta, tb));
  });

  it('agrees with cpu through matmul gradients (the transposed operands of backward)', () => {
    const { gpu, cpu } = both((g) => {
      const x = randn([4, 7], { generator: g }).requiresGrad_();
      const w = randn([5, 7], { generator: g }).requiresGrad_();
      x.matmul(w.t()).tanh().sum().backward();
      return cat([x.grad!.flatten(), w.grad!.flatten()]);
    });
    expectClose(gpu, cpu);
  });
});

describe('reductions', () => {
  it('sums 1e6 values of 0.1 after one large value to float64 accuracy, where a float32 loop is 1% off', () => {
    const n = 1_000_000;
    const values = new Float32Array(n + 1).fill(0.1);
    values[0] = 1e7;
    let exact = 0;
    let naive = 0;
    for (const v of values) {
      exact += v;
      naive = Math.fround(naive + v);
    }
    // The case is hard: a sequential float32 sum drops every 0.1 once it holds 1e7.
    expect(Math.abs(naive - exact) / exact).toBeGreaterThan(5e-3);
    const got = withBackend(NAME, () => tensor(values).sum().item());
    expect(Math.abs(got - exact) / exact).toBeLessThan(2e-7);
  });

  it('reduces every axis of an odd shape like cpu (sum, mean, max, min, argmax, argmin)', () => {
    const { gpu, cpu } = both((g) => {
      const x = randn([3, 65, 17], { generator: g });
      const parts = [
        x.sum(1),
        x.mean(0),
        x.max(1),
        x.min(2),
        x.argmax(1).to('float32'),
        x.argmin(0).to('float32'),
      ];
      return parts.reduce((acc, p) => acc.add(p.sum()), tensor(0));
    });
    expectClose(gpu, cpu);
  });

  it('multiplies along a long axis (prod, which no public op exposes, through the kernel)', () => {
    const values = Float32Array.from(seeded(3 * 257, 5), (v) => 1 + 0.01 * v);
    const backend = findBackend(NAME);
    const out = backend.kernels.reduce!(kernelTensor(values, [3, 257]), 'prod', 1, 'float32');
    const want = [0, 1, 2].map((r) => values.slice(r * 257, (r + 1) * 257).reduce((p, v) => p * v, 1));
    expectClose(backend.download(out, 'float32', 3), want);
  });

  it('gives the first index on ties and propagates NaN like cpu', () => {
    withBackend(NAME, () => {
      const x = tensor([
        [1, 3, 3, 0],
        [2, Number.NaN, 5, 1],
      ]);
      expect(x.argmax(1).toArray()).toEqual([1, 1]);
      expect(x.max(1).toArray()).toEqual([3, Number.NaN]);
    });
  });
});

describe('softmax', () => {
  it('stays finite and exact for logits in the thousands', () => {
    const rows = [
      [1000, 1001, 1002],
      [-1000, -1001, -1002],
      [5000, 0, -5000],
    ];
    const got = withBackend(NAME, () => tensor(rows).softmax(1).data);
    const gotLog = withBackend(NAME, () => tensor(rows).logSoftmax(1).data);
    rows.forEach((row, r) => {
      const m = Math.max(...row);
      const s = row.reduce((acc, v) => acc + Math.exp(v - m), 0);
      row.forEach((v, k) => {
        expect(got[r * 3 + k]).toBeCloseTo(Math.exp(v - m) / s, 6);
        expect(gotLog[r * 3 + k]).toBeCloseTo(v - m - Math.log(s), 3);
      });
    });
  });

  it('matches cpu over a long axis (4097) and an inner axis', () => {
    const { gpu, cpu } = both((g) => {
      const x = randn([2, 4097], { generator: g }).mul(30);
      const y = randn([3, 5, 4], { generator: g }).mul(10);
      return x.softmax(1).sum(1).add(y.logSoftmax(1).sum());
    });
    expectClose(gpu, cpu);
  });
});

describe('indexing', () => {
  it('looks up embeddings (indexSelect, gather) and accumulates their gradients like cpu', () => {
    const { gpu, cpu } = both((g) => {
      const table = randn([17, 5], { generator: g }).requiresGrad_();
      const ids = tensor([3, 0, 16, 3, 3], { dtype: 'int32' });
      const rows = table.indexSelect(0, ids);
      const picked = table.gather(1, tensor([[4], [0], [2]], { dtype: 'int32' }).expand(3, 2));
      rows.square().sum().add(picked.sum()).backward();
      return table.grad!.flatten().add(rows.sum());
    });
    expectClose(gpu, cpu);
  });

  it('rejects an index out of range with the cpu message', () => {
    withBackend(NAME, () => {
      const table = tensor([
        [1, 2],
        [3, 4],
      ]);
      expect(() => table.indexSelect(0, tensor([0, 2], { dtype: 'int32' }))).toThrow(IndexError);
      expect(() => table.indexSelect(0, tensor([0, 2], { dtype: 'int32' }))).toThrow(
        "indexSelect: 'index' value 2 is out of range for dim 0 of size 2.",
      );
    });
  });
});

describe('movement ops on large buffers', () => {
  it('permutes, slices, pads and concatenates 77k-element tensors like cpu', () => {
    const { gpu, cpu } = both((g) => {
      const x = randn([257, 301], { generator: g });
      const t = x.t().slice(0, 1, 300).pad([2, -1, 0, 3], 0.5);
      return cat([t, t.mul(2)], 1).sum(0);
    });
    expectClose(gpu, cpu);
  });
});

describe('dtypes', () => {
  it('casts to int32 toward zero and to bool as != 0; int32 math stays exact', () => {
    withBackend(NAME, () => {
      const x = tensor([-2.7, -0.5, 0, 0.5, 2.7]);
      expect(Array.from(x.to('int32').data)).toEqual([-2, 0, 0, 0, 2]);
      expect(x.to('bool').toArray()).toEqual([true, true, false, true, true]);
      const i = tensor([7, -7, 16_000_000], { dtype: 'int32' });
      expect(Array.from(i.add(i).data)).toEqual([14, -14, 32_000_000]);
      expect(i.add(i).data).toBeInstanceOf(Int32Array);
    });
  });

  it('runs float64 ops on the CPU and reports them per op', () => {
    fallbackReport(NAME, true);
    const got = withBackend(NAME, () => {
      const x = tensor([1, 2, 3], { dtype: 'float64' });
      return x.mul(1 / 3).sum();
    });
    expect(got.dtype).toBe('float64');
    expect(got.item()).toBe((1 / 3) * 6);
    expect(fallbackReport(NAME)).toEqual({ 'binary (float64)': 1, 'reduce (float64)': 1 });
  });
});
