import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combos, f32, rng } from '../../test/helpers/matmul-inputs';
import type { Kernels } from '../backend';
import { createWasmMatmul } from '../backends/wasm/matmul';
import {
  matmulLayout,
  matmulRelaxedSimdBase64,
  matmulSimdBase64,
} from '../backends/wasm/matmul-module.generated';
import { cpuBackend, findBackend, matmul, randn, registerBackend, withBackend } from '../index';
import { checkBackendConformance } from '../testing';
import { createThreadedWasmMatmul, MatmulPool, type PoolWorker, type SpawnWorker } from '../web/matmul-pool';
import {
  nodeSpawner,
  nodeWorkerSource,
  registerWasmBackendThreaded,
  type WasmThreadPool,
} from './wasm-threaded';

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const relaxed = decode(matmulRelaxedSimdBase64);
const bytes = WebAssembly.validate(relaxed) ? relaxed : decode(matmulSimdBase64);

const spawn = nodeSpawner();

/** Same bits as `want`, element by element (NaN equals NaN). */
function expectBitwise(got: Float32Array, want: Float32Array) {
  expect(got.length).toBe(want.length);
  const g = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const w = new Uint32Array(want.buffer, want.byteOffset, want.length);
  let differing = 0;
  for (let i = 0; i < w.length; i++) if (g[i] !== w[i]) differing++;
  expect(differing).toBe(0);
}

describe('threaded wasm matmul', () => {
  let single: Kernels['matmul'];
  const pools: MatmulPool[] = [];
  const threaded = new Map<number, Kernels['matmul']>();

  beforeAll(async () => {
    single = createWasmMatmul((await WebAssembly.instantiate(bytes)).instance, matmulLayout, 0);
    for (const threads of [1, 2, 3]) {
      const pool = await MatmulPool.start(threads, bytes, matmulLayout, spawn);
      pools.push(pool);
      // Threshold 0: every product with rows for two threads is split, however small.
      const { instance } = await WebAssembly.instantiate(bytes);
      threaded.set(threads, createThreadedWasmMatmul(instance, matmulLayout, pool, 0));
    }
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.dispose()));
  });

  it('gives bitwise the single-threaded result for odd shapes, batches and all transposes, with 1, 2 and 3 threads', () => {
    const next = rng(11);
    const dim = () => 1 + Math.floor(((next() + 1) / 2) * 90);
    const shapes: number[][] = [
      [1, 128, 128, 128],
      [2, 130, 67, 301],
      [3, 9, 50, 20],
      [1, 8, 1, 1000],
      [1, 257, 13, 1],
      [4, 37, 41, 43],
      [1, 3, 200, 200],
      ...Array.from({ length: 40 }, (_, t) => [1 + (t % 3), dim(), dim(), dim()]),
    ];
    shapes.forEach(([B, M, N, K], t) => {
      const [transA, transB] = combos[t % 4];
      for (const [ta, tb] of t < 7 ? combos : [[transA, transB] as const]) {
        const a = f32(ta ? [B, K, M] : [B, M, K], next);
        const b = f32(tb ? [B, N, K] : [B, K, N], next);
        const want = single(a, b, ta, tb) as Float32Array;
        for (const kernel of threaded.values()) expectBitwise(kernel(a, b, ta, tb) as Float32Array, want);
      }
    });
  });

  it('splits batched products by whole batches, also when rows are too few to split', () => {
    const next = rng(5);
    // M = 2 rows cannot be cut into MR-row blocks: only whole batches can go to the workers.
    for (const [B, M, N, K] of [
      [4, 2, 33, 17],
      [3, 64, 64, 32],
    ]) {
      const a = f32([B, M, K], next);
      const b = f32([B, K, N], next);
      const want = single(a, b, false, false) as Float32Array;
      for (const [i, kernel] of [...threaded.values()].entries()) {
        const before = pools[i].workerJobs.reduce((s, j) => s + j, 0);
        expectBitwise(kernel(a, b, false, false) as Float32Array, want);
        const after = pools[i].workerJobs.reduce((s, j) => s + j, 0);
        expect(after - before).toBe(pools[i].threads - 1);
      }
    }
  });

  it('passes the conformance suite with every product split over 3 threads', () => {
    registerBackend({
      ...cpuBackend,
      name: 'wasm-threads-always',
      kernels: { ...cpuBackend.kernels, matmul: threaded.get(3)! },
    });
    expect(checkBackendConformance('wasm-threads-always').filter((r) => r.error)).toEqual([]);
  });

  it('grows the shared staging buffer between products of increasing size', () => {
    const next = rng(5);
    for (const n of [16, 64, 200, 40, 300]) {
      const a = f32([2, n, n + 3], next);
      const b = f32([2, n + 3, n - 1], next);
      const want = single(a, b, false, false) as Float32Array;
      expectBitwise(threaded.get(3)!(a, b, false, false) as Float32Array, want);
    }
  });

  it('propagates NaN and Infinity like the single-threaded kernel', () => {
    const next = rng(3);
    const a = f32([1, 64, 40], next);
    const b = f32([1, 40, 30], next);
    (a.data as Float32Array)[50 * 40 + 3] = Number.NaN;
    (b.data as Float32Array)[70] = Number.POSITIVE_INFINITY;
    expectBitwise(
      threaded.get(2)!(a, b, false, false) as Float32Array,
      single(a, b, false, false) as Float32Array,
    );
  });
});

describe('registerWasmBackendThreaded', () => {
  let pool: WasmThreadPool;
  beforeAll(async () => {
    pool = await registerWasmBackendThreaded({ threads: 2 });
  });
  afterAll(async () => {
    await pool.dispose();
  });

  it('registers the wasm backend, which passes the conformance suite', () => {
    expect(pool.threads).toBe(2);
    expect(checkBackendConformance('wasm').filter((r) => r.error)).toEqual([]);
  });

  it('splits large products and matches the single-threaded kernel bitwise', () => {
    const next = rng(9);
    const a = f32([1, 256, 200], next);
    const b = f32([1, 200, 180], next);
    const kernel = findBackend('wasm').kernels.matmul!;
    const single = createWasmMatmul(new WebAssembly.Instance(new WebAssembly.Module(bytes)), matmulLayout);
    expectBitwise(kernel(a, b, false, false) as Float32Array, single(a, b, false, false) as Float32Array);
    const x = randn([2, 150, 120]);
    const w = randn([120, 140]);
    const y = withBackend('wasm', () => matmul(x, w));
    expect(y.shape).toEqual([2, 150, 140]);
  });

  it('rejects a thread count that is not a positive integer', async () => {
    await expect(registerWasmBackendThreaded({ threads: 0 })).rejects.toThrow(
      /'threads' must be a positive integer/,
    );
  });

  it('lets the process exit without dispose (workers are unref-ed)', () => {
    const code = `
      import { matmul, randn, setBackend } from '@llm/tensor';
      import { registerWasmBackendThreaded } from '@llm/tensor/node';
      const pool = await registerWasmBackendThreaded({ threads: 3 });
      setBackend('wasm');
      console.log(pool.threads, matmul(randn([300, 200]), randn([200, 100])).shape.join('x'));
    `;
    const child = spawnSync(
      process.execPath,
      ['--conditions=@llm/source', '--import', 'tsx', '--input-type=module', '-e', code],
      { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('3 300x100');
  });
});

/** The worker source with its module's gemm replaced by `gemm` (source of a function) inside the worker. */
const withGemm = (gemm: string) => `
  const RealInstance = WebAssembly.Instance;
  WebAssembly.Instance = function (module) {
    const { memory } = new RealInstance(module).exports;
    return { exports: { memory, gemm: ${gemm} } };
  };
  ${nodeWorkerSource}`;

describe('a worker that dies or hangs makes the product throw instead of hanging', () => {
  const next = rng(21);
  const a = f32([1, 64, 48], next);
  const b = f32([1, 48, 40], next);
  let want: Float32Array;
  beforeAll(async () => {
    want = createWasmMatmul((await WebAssembly.instantiate(bytes)).instance, matmulLayout, 0)(
      a,
      b,
      false,
      false,
    ) as Float32Array;
  });

  async function threadedOver(source: string | undefined, timeoutMs?: number) {
    const workers: PoolWorker[] = [];
    const inner = nodeSpawner(source);
    const tracking: SpawnWorker = async (init, gone) => {
      const worker = await inner(init, gone);
      workers.push(worker);
      return worker;
    };
    const pool = await MatmulPool.start(2, bytes, matmulLayout, tracking, { workerTimeoutMs: timeoutMs });
    const { instance } = await WebAssembly.instantiate(bytes);
    return { pool, workers, kernel: createThreadedWasmMatmul(instance, matmulLayout, pool, 0) };
  }

  /** After the failure: one thread, the reason kept, and products still right. */
  function expectFallback(pool: MatmulPool, kernel: Kernels['matmul'], reason: RegExp) {
    expect(pool.threads).toBe(1);
    expect(pool.failure).toMatch(reason);
    expectBitwise(kernel(a, b, false, false) as Float32Array, want);
  }

  it("a worker terminated behind the pool's back", async () => {
    const { pool, workers, kernel } = await threadedOver(undefined);
    expectBitwise(kernel(a, b, false, false) as Float32Array, want);
    await workers[0].terminate();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the exit event reaches the pool
    expect(() => kernel(a, b, false, false)).toThrow(/worker 1 exited \(code 1\).*one thread/);
    expectFallback(pool, kernel, /exited/);
  });

  it('a worker that exits in the middle of a product, while this thread waits on it', async () => {
    const { pool, kernel } = await threadedOver(withGemm('() => process.exit(9)'));
    const started = performance.now();
    expect(() => kernel(a, b, false, false)).toThrow(/worker 1 died/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expectFallback(pool, kernel, /died/);
  });

  it('a worker that never finishes its block, after the timeout', async () => {
    const { pool, kernel } = await threadedOver(withGemm('() => { for (;;); }'), 300);
    const started = performance.now();
    expect(() => kernel(a, b, false, false)).toThrow(/worker 1 did not answer in time/);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThan(290);
    expect(waited).toBeLessThan(5_000);
    expectFallback(pool, kernel, /did not answer/);
  });
});
