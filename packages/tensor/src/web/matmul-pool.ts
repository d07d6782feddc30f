// The runtime-neutral core of the threaded wasm matmul: a pool of workers driven through shared memory,
// using only WebAssembly, SharedArrayBuffer and Atomics. `@llm/tensor/node` (worker_threads) and
// `@llm/tensor/web` (Web Workers) are thin transports over it: they start the workers.
import type { Kernels, KernelTensor } from '../backend';
import { createWasmMatmul, defaultMinMacs, type MatmulModuleLayout } from '../backends/wasm/matmul';
import { type MatmulWorkerInit, Slot, slotWords, spinIterations } from './matmul-worker-source';

/**
 * Below this many multiply-adds a product stays on one thread. Measured on Node 20 (2-core Xeon,
 * 2 threads, back-to-back calls): 0.5x at 48^3, 1.25x at 64^3 (2^18), 1.4x at 128^3; a worker that
 * has gone to sleep adds ~50 µs to wake, so 2^20 (~ 100^3) is where 2 threads are ahead either way.
 */
export const defaultMinThreadMacs = 2 ** 20;

/** What the pool needs of a started worker (a worker_threads Worker and a Web Worker both fit). */
export interface PoolWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/**
 * Starts a worker running `matmulWorkerBody`, posts it `{ init }` and resolves once it answered
 * `{ ready: true }`. `gone(reason)` must be called if the worker later exits or fails on its own.
 */
export type SpawnWorker = (init: MatmulWorkerInit, gone: (reason: string) => void) => Promise<PoolWorker>;

/** Pool settings a transport may pass on. */
export interface MatmulPoolOptions {
  /**
   * Milliseconds a product may wait for a worker, on top of 1 ms per million multiply-adds in its
   * block, before the pool gives up on it as hung (default 10,000).
   */
  workerTimeoutMs?: number;
}

interface MatmulExports {
  readonly memory: WebAssembly.Memory;
  gemm(...args: number[]): void;
}

interface Product {
  readonly B: number;
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly transA: boolean;
  readonly transB: boolean;
}

// Addresses are i32 inside the module; stay well clear of 2 GiB (as the single-threaded kernel does).
const maxBytes = 2 ** 31 - 2 ** 20;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** A block of a product one thread computes: rows i0..i1 of batches b0..b1. */
interface Block {
  readonly b0: number;
  readonly b1: number;
  readonly i0: number;
  readonly i1: number;
}

/**
 * Linear memory for a block: [scratch | packed A | packed B | A and B of the block's batches | C rows],
 * the single-threaded kernel's layout cut to the block. The worker source repeats it.
 */
function linearLayout(layout: MatmulModuleLayout, p: Product, batches: number, rows: number) {
  const kc = Math.min(layout.kc, p.K);
  const pa = align16(layout.scratchBytes);
  const pb = align16(pa + Math.ceil(layout.mc / layout.mr) * layout.mr * kc * 4 + 16);
  const aAt = align16(pb + Math.ceil(p.N / layout.nr) * layout.nr * kc * 4 + 16);
  const bAt = align16(aAt + batches * p.M * p.K * 4);
  const cAt = align16(bAt + batches * p.K * p.N * 4);
  return { pa, pb, aAt, bAt, cAt, need: cAt + batches * rows * p.N * 4 };
}

/** Block `k` of op(a) @ op(b) (one gemm call per batch, as in the one-thread kernel), written to its place in `out` ([B, M, N]). */
function gemmBlock(
  wasm: MatmulExports,
  layout: MatmulModuleLayout,
  a: Float32Array,
  b: Float32Array,
  p: Product,
  k: Block,
  out: Float32Array,
) {
  const { M, N, K, transA, transB } = p;
  const { b0, b1, i0, i1 } = k;
  const rows = i1 - i0;
  const { pa, pb, aAt, bAt, cAt, need } = linearLayout(layout, p, b1 - b0, rows);
  const have = wasm.memory.buffer.byteLength;
  if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65_536));
  const heap = new Float32Array(wasm.memory.buffer);
  heap.set(a.subarray(b0 * M * K, b1 * M * K), aAt / 4);
  heap.set(b.subarray(b0 * K * N, b1 * K * N), bAt / 4);
  const sai = transA ? 1 : K;
  const sak = transA ? M : 1;
  const sbk = transB ? 1 : N;
  const sbj = transB ? K : 1;
  for (let i = 0; i < b1 - b0; i++) {
    const c = cAt + i * rows * N * 4;
    wasm.gemm(
      aAt + (i * M * K + i0 * sai) * 4,
      bAt + i * K * N * 4,
      c,
      rows,
      N,
      K,
      sai,
      sak,
      sbk,
      sbj,
      pa,
      pb,
    );
    out.set(heap.subarray(c / 4, c / 4 + rows * N), ((b0 + i) * M + i0) * N);
  }
}

/**
 * How a product is cut over `threads` threads (block 0 is the calling thread's), or null when it
 * cannot be split. Whole batches when there are at least as many batches as threads: every thread
 * then packs only its own batches' panels (cutting rows would have each pack all of them); else row
 * blocks of every batch, in multiples of the module's MR rows; else whole batches over fewer threads.
 */
function splitProduct(p: Product, threads: number, mr: number): Block[] | null {
  const { B, M } = p;
  // n blocks of whole batches, as even as they go (sizes differ by at most one batch).
  const byBatch = (n: number) =>
    Array.from({ length: n }, (_, t) => ({
      b0: Math.floor((t * B) / n),
      b1: Math.floor(((t + 1) * B) / n),
      i0: 0,
      i1: M,
    }));
  if (B >= threads) return byBatch(threads);
  const rowThreads = Math.min(threads, Math.floor(M / mr));
  if (rowThreads >= 2) {
    const per = Math.ceil(M / rowThreads / mr) * mr;
    return Array.from({ length: Math.ceil(M / per) }, (_, t) => ({
      b0: 0,
      b1: B,
      i0: t * per,
      i1: Math.min(M, (t + 1) * per),
    }));
  }
  return B >= 2 ? byBatch(B) : null;
}

/** Whether this thread may block in `Atomics.wait` (not on a browser's main thread). */
function threadMayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** How a worker's job ended. */
export type JobOutcome = 'ok' | 'failed' | 'gone' | 'timeout';

/**
 * Worker threads, each with its own instance of the matmul module, driven synchronously: the main
 * thread writes A and B into a shared staging buffer, bumps each worker's generation word and wakes
 * it (`Atomics.notify`), computes its own row block, then waits until every worker has stored its
 * generation in its `done` word: in `Atomics.wait` where the thread may block (Node, Bun, Deno, any
 * worker), polling with `Atomics.load` where it may not (a browser's main thread).
 *
 * A worker that dies (it tells the pool through its `alive` word, or the transport through `gone`)
 * or does not answer in time makes the product throw instead of hanging; the pool then stops its
 * workers and later products run on the calling thread.
 */
export class MatmulPool {
  /** Threads a product is split over: the workers plus the calling thread; 1 once disposed or failed. */
  threads: number;
  /** Why the pool stopped on its own (a worker died or hung); undefined while it runs. */
  failure: string | undefined;
  private readonly control: Int32Array;
  private staging = new SharedArrayBuffer(0);
  private version = 0;
  private readonly mayBlock = threadMayBlock();
  private readonly timeoutMs: number;
  private gone: string | undefined;
  /** Workers started (they stay counted in `workerJobs` after dispose). */
  private readonly spawned: number;

  private constructor(
    private workers: PoolWorker[],
    control: SharedArrayBuffer,
    options: MatmulPoolOptions,
  ) {
    this.control = new Int32Array(control);
    this.threads = workers.length + 1;
    this.spawned = workers.length;
    this.timeoutMs = options.workerTimeoutMs ?? 10_000;
  }

  /** Starts `threads - 1` workers on the module `bytes`. */
  static async start(
    threads: number,
    bytes: Uint8Array,
    layout: MatmulModuleLayout,
    spawn: SpawnWorker,
    options: MatmulPoolOptions = {},
  ): Promise<MatmulPool> {
    const count = Math.max(0, threads - 1);
    const control = new SharedArrayBuffer(Math.max(1, count) * slotWords * 4);
    let pool: MatmulPool | undefined;
    let early: string | undefined;
    const gone = (slot: number) => (reason: string) => {
      const why = `worker ${slot + 1} ${reason}`;
      if (pool) pool.gone ??= why;
      else early ??= why;
    };
    const workers = await Promise.all(
      Array.from({ length: count }, (_, slot) =>
        spawn({ control, slot, bytes, layout: { ...layout } }, gone(slot)),
      ),
    );
    pool = new MatmulPool(workers, control, options);
    pool.gone = early;
    return pool;
  }

  /** Row blocks each worker has computed so far (the calling thread's blocks are not counted). */
  get workerJobs(): number[] {
    return Array.from({ length: this.spawned }, (_, slot) =>
      Atomics.load(this.control, slot * slotWords + Slot.jobs),
    );
  }

  /** Throws (and stops the pool) if a worker is known to have died since the last product. */
  checkWorkers(): void {
    if (this.gone === undefined) {
      for (let slot = 0; slot < this.workers.length; slot++)
        if (Atomics.load(this.control, slot * slotWords + Slot.alive) === 2)
          this.gone = `worker ${slot + 1} died`;
    }
    if (this.gone !== undefined) this.fail(this.gone);
  }

  /** A staging view of at least `floats` floats; a grown buffer is sent to every worker first. */
  stagingArea(floats: number): Float32Array {
    if (this.staging.byteLength < floats * 4) {
      const bytes = Math.max(floats * 4, Math.min(2 * this.staging.byteLength, maxBytes));
      this.staging = new SharedArrayBuffer(bytes);
      this.version++;
      for (const worker of this.workers) worker.postMessage({ buffer: this.staging, version: this.version });
    }
    return new Float32Array(this.staging, 0, floats);
  }

  /** Starts block `k` of `p` on worker `slot`; the operands are already staged. */
  post(slot: number, p: Product, k: Block) {
    const c = this.control;
    const at = slot * slotWords;
    c[at + Slot.buffer] = this.version;
    c[at + Slot.op] = 1;
    c[at + Slot.batch] = p.B;
    c[at + Slot.m] = p.M;
    c[at + Slot.n] = p.N;
    c[at + Slot.k] = p.K;
    c[at + Slot.transA] = p.transA ? 1 : 0;
    c[at + Slot.transB] = p.transB ? 1 : 0;
    c[at + Slot.batchStart] = k.b0;
    c[at + Slot.batchEnd] = k.b1;
    c[at + Slot.rowStart] = k.i0;
    c[at + Slot.rowEnd] = k.i1;
    Atomics.add(c, at + Slot.generation, 1);
    Atomics.notify(c, at + Slot.generation);
  }

  /**
   * Waits until worker `slot` finished its last job, died, or ran past the timeout (`macs`, the
   * job's multiply-adds, extends it by 1 ms per million).
   */
  wait(slot: number, macs: number): JobOutcome {
    const c = this.control;
    const at = slot * slotWords;
    const generation = Atomics.load(c, at + Slot.generation);
    for (let spin = 0; spin < spinIterations && Atomics.load(c, at + Slot.done) !== generation; spin++);
    const deadline = performance.now() + this.timeoutMs + macs / 1e6;
    for (
      let done = Atomics.load(c, at + Slot.done);
      done !== generation;
      done = Atomics.load(c, at + Slot.done)
    ) {
      if (Atomics.load(c, at + Slot.alive) === 2) return 'gone';
      if (performance.now() > deadline) return 'timeout';
      // Sleep in slices: a worker that dies without a word must not leave this thread asleep for good.
      if (this.mayBlock) Atomics.wait(c, at + Slot.done, done, 100);
      else for (let spin = 0; spin < spinIterations && Atomics.load(c, at + Slot.done) === done; spin++);
    }
    return Atomics.load(c, at + Slot.status) === 1 ? 'ok' : 'failed';
  }

  /** Stops the pool after a worker died or hung: records why, terminates the workers, goes to one thread. */
  fail(reason: string): never {
    this.failure = reason;
    void this.dispose();
    throw new Error(
      `matmul: a wasm worker thread stopped answering (${reason}); the pool is stopped and products run on one thread from now on.`,
    );
  }

  /** Stops and terminates the workers; products run on the calling thread from now on. */
  async dispose(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.threads = 1;
    workers.forEach((_, slot) => {
      const at = slot * slotWords;
      Atomics.store(this.control, at + Slot.op, 0);
      Atomics.add(this.control, at + Slot.generation, 1);
      Atomics.notify(this.control, at + Slot.generation);
    });
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * The wasm matmul kernel split over `pool`'s threads: float32 products of at least `minThreadMacs`
 * multiply-adds are cut into blocks (whole batches, or row blocks of each batch: `splitProduct`), the
 * calling thread computing the first block; smaller ones run as `createWasmMatmul` does. Every block
 * runs the same gemm over the same K blocks, so the result is bitwise that of the one-thread kernel.
 */
export function createThreadedWasmMatmul(
  instance: WebAssembly.Instance,
  layout: MatmulModuleLayout,
  pool: MatmulPool,
  minThreadMacs = defaultMinThreadMacs,
): Kernels['matmul'] {
  const single = createWasmMatmul(instance, layout, defaultMinMacs);
  const wasm = instance.exports as unknown as MatmulExports;
  return (a: KernelTensor, b: KernelTensor, transA: boolean, transB: boolean) => {
    const [B, ar, ac] = a.shape;
    const [, br, bc] = b.shape;
    const p: Product = { B, M: transA ? ac : ar, K: transA ? ar : ac, N: transB ? br : bc, transA, transB };
    const { M, N, K } = p;
    if (pool.threads > 1) pool.checkWorkers();
    const blocks = pool.threads > 1 ? splitProduct(p, pool.threads, layout.mr) : null;
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      blocks === null ||
      B * M * N * K < Math.max(minThreadMacs, defaultMinMacs) ||
      linearLayout(layout, p, B, M).need > maxBytes ||
      B * (M * K + K * N + M * N) * 4 > maxBytes
    )
      return single(a, b, transA, transB);
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    // Staging: [A (B*M*K) | B (B*K*N) | C (B*M*N)]. Only what the workers read is copied in: the
    // batches from the first worker block's on (all of them when the product is cut by rows).
    const from = blocks[1].b0;
    const staging = pool.stagingArea(B * (M * K + K * N + M * N));
    staging.set(x.subarray(from * M * K), from * M * K);
    staging.set(y.subarray(from * K * N), B * M * K + from * K * N);
    for (let t = 1; t < blocks.length; t++) pool.post(t - 1, p, blocks[t]);
    const out = new Float32Array(B * M * N);
    const outcomes: JobOutcome[] = [];
    try {
      gemmBlock(wasm, layout, x, y, p, blocks[0], out);
    } finally {
      // Even when this thread threw: no worker may still be writing when the next product is staged.
      for (let t = 1; t < blocks.length; t++) {
        const k = blocks[t];
        outcomes.push(pool.wait(t - 1, (k.b1 - k.b0) * (k.i1 - k.i0) * N * K));
      }
    }
    const dead = outcomes.findIndex((o) => o === 'gone' || o === 'timeout');
    if (dead >= 0)
      pool.fail(`worker ${dead + 1} ${outcomes[dead] === 'gone' ? 'died' : 'did not answer in time'}`);
    if (outcomes.includes('failed')) throw new Error('matmul: a wasm worker thread failed (out of memory?).');
    const cAt = B * (M * K + K * N);
    for (const k of blocks.slice(1)) {
      for (let i = k.b0; i < k.b1; i++) {
        const at = (i * M + k.i0) * N;
        out.set(staging.subarray(cAt + at, cAt + (i * M + k.i1) * N), at);
      }
    }
    return out;
  };
}
