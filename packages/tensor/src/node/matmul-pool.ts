import type { Kernels, KernelTensor } from '../backend';
import { createWasmMatmul, defaultMinMacs, type MatmulModuleLayout } from '../backends/wasm/matmul';
import { matmulWorkerSource, Slot, slotWords, spinIterations } from './matmul-worker-source';

/**
 * Below this many multiply-adds a product stays on one thread. Measured on Node 20 (2-core Xeon,
 * 2 threads, back-to-back calls): 0.5x at 48^3, 1.25x at 64^3 (2^18), 1.4x at 128^3; a worker that
 * has gone to sleep adds ~50 µs to wake, so 2^20 (~ 100^3) is where 2 threads are ahead either way.
 */
export const defaultMinThreadMacs = 2 ** 20;

/** What the pool needs of a worker thread (Node's, Bun's and Deno's `worker_threads` Worker fit). */
export interface PoolWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

/** What a worker receives at startup. */
export interface MatmulWorkerData {
  readonly control: SharedArrayBuffer;
  readonly slot: number;
  /** The same module bytes the main thread instantiated. */
  readonly bytes: Uint8Array;
  readonly layout: MatmulModuleLayout;
}

/** Starts `code` as a worker with `data` and resolves once it posted `{ ready: true }`. */
export type SpawnWorker = (code: string, data: MatmulWorkerData) => Promise<PoolWorker>;

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

/**
 * Linear memory for rows i0..i0+rows of every batch: [scratch | packed A | packed B | A | B | C rows],
 * the single-threaded kernel's layout with C cut to the block. The worker source repeats it.
 */
function linearLayout(layout: MatmulModuleLayout, p: Product, rows: number) {
  const kc = Math.min(layout.kc, p.K);
  const pa = align16(layout.scratchBytes);
  const pb = align16(pa + Math.ceil(layout.mc / layout.mr) * layout.mr * kc * 4 + 16);
  const aAt = align16(pb + Math.ceil(p.N / layout.nr) * layout.nr * kc * 4 + 16);
  const bAt = align16(aAt + p.B * p.M * p.K * 4);
  const cAt = align16(bAt + p.B * p.K * p.N * 4);
  return { pa, pb, aAt, bAt, cAt, need: cAt + p.B * rows * p.N * 4 };
}

/** Rows i0..i1 of every batch of op(a) @ op(b), written to their place in `out` ([B, M, N]). */
function gemmRows(
  wasm: MatmulExports,
  layout: MatmulModuleLayout,
  a: Float32Array,
  b: Float32Array,
  p: Product,
  i0: number,
  i1: number,
  out: Float32Array,
) {
  const { B, M, N, K, transA, transB } = p;
  const rows = i1 - i0;
  const { pa, pb, aAt, bAt, cAt, need } = linearLayout(layout, p, rows);
  const have = wasm.memory.buffer.byteLength;
  if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65_536));
  const heap = new Float32Array(wasm.memory.buffer);
  heap.set(a, aAt / 4);
  heap.set(b, bAt / 4);
  const sai = transA ? 1 : K;
  const sak = transA ? M : 1;
  const sbk = transB ? 1 : N;
  const sbj = transB ? K : 1;
  for (let i = 0; i < B; i++) {
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
    out.set(heap.subarray(c / 4, c / 4 + rows * N), (i * M + i0) * N);
  }
}

/**
 * Worker threads, each with its own instance of the matmul module, driven synchronously: the main
 * thread writes A and B into a shared staging buffer, bumps each worker's generation word and wakes
 * it (`Atomics.notify`), computes its own row block, then blocks in `Atomics.wait` until every
 * worker has stored its generation in its `done` word. Needs a thread that may block (Node, Bun and
 * Deno main threads and any worker; not a browser main thread).
 */
export class MatmulPool {
  /** Threads a product is split over: the workers plus the calling thread; 1 once disposed. */
  threads: number;
  private readonly control: Int32Array;
  private staging = new SharedArrayBuffer(0);
  private version = 0;

  private constructor(
    private workers: PoolWorker[],
    control: SharedArrayBuffer,
  ) {
    this.control = new Int32Array(control);
    this.threads = workers.length + 1;
  }

  /** Starts `threads - 1` workers on the module `bytes`. */
  static async start(
    threads: number,
    bytes: Uint8Array,
    layout: MatmulModuleLayout,
    spawn: SpawnWorker,
  ): Promise<MatmulPool> {
    const count = Math.max(0, threads - 1);
    const control = new SharedArrayBuffer(Math.max(1, count) * slotWords * 4);
    const workers = await Promise.all(
      Array.from({ length: count }, (_, slot) =>
        spawn(matmulWorkerSource, { control, slot, bytes, layout: { ...layout } }),
      ),
    );
    return new MatmulPool(workers, control);
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

  /** Starts rows i0..i1 of `p` on worker `slot`; the operands are already staged. */
  post(slot: number, p: Product, i0: number, i1: number) {
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
    c[at + Slot.rowStart] = i0;
    c[at + Slot.rowEnd] = i1;
    Atomics.add(c, at + Slot.generation, 1);
    Atomics.notify(c, at + Slot.generation);
  }

  /** Blocks until worker `slot` finished its last job; false if it threw. */
  wait(slot: number): boolean {
    const c = this.control;
    const at = slot * slotWords;
    const generation = Atomics.load(c, at + Slot.generation);
    for (let spin = 0; spin < spinIterations && Atomics.load(c, at + Slot.done) !== generation; spin++);
    for (
      let done = Atomics.load(c, at + Slot.done);
      done !== generation;
      done = Atomics.load(c, at + Slot.done)
    )
      Atomics.wait(c, at + Slot.done, done);
    return Atomics.load(c, at + Slot.status) === 1;
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
 * multiply-adds are cut into row blocks of each batch (multiples of the module's MR rows), the
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
    const threads = Math.min(pool.threads, Math.floor(M / layout.mr));
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      threads < 2 ||
      B * M * N * K < Math.max(minThreadMacs, defaultMinMacs) ||
      linearLayout(layout, p, M).need > maxBytes ||
      B * (M * K + K * N + M * N) * 4 > maxBytes
    )
      return single(a, b, transA, transB);
    const rowsPerThread = Math.ceil(M / threads / layout.mr) * layout.mr;
    const blocks = Math.ceil(M / rowsPerThread);
    const x = a.data as Float32Array;
    const y = b.data as Float32Array;
    const staging = pool.stagingArea(B * (M * K + K * N + M * N));
    staging.set(x, 0);
    staging.set(y, B * M * K);
    for (let t = 1; t < blocks; t++)
      pool.post(t - 1, p, t * rowsPerThread, Math.min(M, (t + 1) * rowsPerThread));
    const out = new Float32Array(B * M * N);
    let ok = true;
    try {
      gemmRows(wasm, layout, x, y, p, 0, rowsPerThread, out);
    } finally {
      // Even when this thread threw: no worker may still be writing when the next product is staged.
      for (let t = 1; t < blocks; t++) ok = pool.wait(t - 1) && ok;
    }
    if (!ok) throw new Error('matmul: a wasm worker thread failed (out of memory?).');
    const cAt = B * (M * K + K * N);
    for (let i = 0; i < B; i++) {
      const from = (i * M + rowsPerThread) * N;
      out.set(staging.subarray(cAt + from, cAt + (i + 1) * M * N), from);
    }
    return out;
  };
}
