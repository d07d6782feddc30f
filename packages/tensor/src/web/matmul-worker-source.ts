// The matmul worker, embedded as source so the package ships no extra file to resolve. The body is
// runtime-neutral (WebAssembly, SharedArrayBuffer, Atomics); each transport wraps it with its own
// messaging (`@llm/tensor/node`: node:worker_threads, `@llm/tensor/web`: a Web Worker). It must call
// gemm exactly as gemmBlock in matmul-pool.ts does: each row block then gives the same bits as the
// single-threaded kernel.

/** Int32 words per worker in the control buffer: 32 words (128 bytes) keeps each slot on its own cache lines. */
export const slotWords = 32;

/** Word offsets inside a worker's control slot. */
export const Slot = {
  /** Bumped by the main thread to start a job (or to stop, when `op` is 0). */
  generation: 0,
  /** Set to `generation` by the worker when the job is done. */
  done: 1,
  /** 1 = ok, 2 = the worker threw (its message is posted to the parent). */
  status: 2,
  /** Version of the staging buffer; a new one arrives as a message first. */
  buffer: 3,
  op: 4,
  batch: 5,
  m: 6,
  n: 7,
  k: 8,
  transA: 9,
  transB: 10,
  rowStart: 11,
  rowEnd: 12,
  /** 1 while the worker runs; 2 once it died (an uncaught error, `process.exit`), set by the worker itself. */
  alive: 13,
  /** Blocks this worker has computed: proof that products really were split. */
  jobs: 14,
  batchStart: 15,
  batchEnd: 16,
} as const;

/** Polls of the generation word before a thread sleeps in `Atomics.wait` (a few tens of µs). */
export const spinIterations = 20_000;

/**
 * What a worker receives as its first message; it answers `{ ready: true }` (or `{ error }`).
 * `bytes` are the module bytes the main thread instantiated.
 */
export interface MatmulWorkerInit {
  readonly control: SharedArrayBuffer;
  readonly slot: number;
  readonly bytes: Uint8Array;
  readonly layout: {
    readonly mr: number;
    readonly nr: number;
    readonly kc: number;
    readonly mc: number;
    readonly scratchBytes: number;
  };
}

/**
 * The worker as the source of a function `(post, listen, onFatal) => void`: `post(message)` sends to
 * the parent, `listen(handler)` receives the parent's messages, `onFatal(handler)` runs `handler` when
 * the worker dies (so it can tell the blocked parent through shared memory).
 *
 * Between jobs the worker blocks in `Atomics.wait`, so it cannot take messages; when a job names a
 * staging buffer it does not have yet, it returns to its event loop, where the buffer (posted before
 * the job) arrives, and then resumes. That needs no synchronous message receive, which browsers lack.
 */
export const matmulWorkerBody = `(post, listen, onFatal) => {
'use strict';
const S = ${JSON.stringify(Slot)};
let ctrl, base, wasm, mr, nr, KC, MC, scratchBytes;
let staging = new Float32Array(0);
let version = 0;
let generation = 0;
const align16 = (n) => Math.ceil(n / 16) * 16;

onFatal(() => {
  if (!ctrl) return;
  Atomics.store(ctrl, base + S.alive, 2);
  Atomics.notify(ctrl, base + S.done);
});

function job() {
  const B = ctrl[base + S.batch], M = ctrl[base + S.m], N = ctrl[base + S.n], K = ctrl[base + S.k];
  const transA = ctrl[base + S.transA] === 1, transB = ctrl[base + S.transB] === 1;
  const b0 = ctrl[base + S.batchStart], nb = ctrl[base + S.batchEnd] - b0;
  const i0 = ctrl[base + S.rowStart], rows = ctrl[base + S.rowEnd] - i0;
  // Staging: [A (B*M*K) | B (B*K*N) | C (B*M*N)]; linear memory: [scratch | packed A | packed B | A, B of
  // batches b0..b0+nb | C rows].
  const kc = Math.min(KC, K);
  const pa = align16(scratchBytes);
  const pb = align16(pa + Math.ceil(MC / mr) * mr * kc * 4 + 16);
  const aAt = align16(pb + Math.ceil(N / nr) * nr * kc * 4 + 16);
  const bAt = align16(aAt + nb * M * K * 4);
  const cAt = align16(bAt + nb * K * N * 4);
  const need = cAt + nb * rows * N * 4;
  const have = wasm.memory.buffer.byteLength;
  if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65536));
  const heap = new Float32Array(wasm.memory.buffer);
  heap.set(staging.subarray(b0 * M * K, (b0 + nb) * M * K), aAt / 4);
  heap.set(staging.subarray(B * M * K + b0 * K * N, B * M * K + (b0 + nb) * K * N), bAt / 4);
  const sai = transA ? 1 : K, sak = transA ? M : 1, sbk = transB ? 1 : N, sbj = transB ? K : 1;
  const cOut = B * M * K + B * K * N;
  for (let i = 0; i < nb; i++) {
    const c = cAt + i * rows * N * 4;
    wasm.gemm(aAt + (i * M * K + i0 * sai) * 4, bAt + i * K * N * 4, c, rows, N, K, sai, sak, sbk, sbj, pa, pb);
    staging.set(heap.subarray(c / 4, c / 4 + rows * N), cOut + ((b0 + i) * M + i0) * N);
  }
}

// Runs jobs until told to stop, or until a job needs a staging buffer still in the message queue.
function run() {
  for (;;) {
    if (Atomics.load(ctrl, base + S.generation) === generation) {
      // Spin a little before sleeping: back-to-back products then skip the futex wake-up (~50 us).
      for (let spin = 0; spin < ${spinIterations} && Atomics.load(ctrl, base + S.generation) === generation; spin++);
      Atomics.wait(ctrl, base + S.generation, generation);
    }
    if (ctrl[base + S.op] === 0) return;
    if (ctrl[base + S.buffer] !== version) return;
    generation = Atomics.load(ctrl, base + S.generation);
    let status = 1;
    try {
      job();
    } catch (error) {
      status = 2;
      post({ error: String((error && error.stack) || error) });
    }
    if (status === 1) Atomics.add(ctrl, base + S.jobs, 1);
    Atomics.store(ctrl, base + S.status, status);
    Atomics.store(ctrl, base + S.done, generation);
    Atomics.notify(ctrl, base + S.done);
  }
}

listen((message) => {
  if (message.init) {
    try {
      const init = message.init;
      ctrl = new Int32Array(init.control);
      base = init.slot * ${slotWords};
      wasm = new WebAssembly.Instance(new WebAssembly.Module(init.bytes)).exports;
      ({ mr, nr, kc: KC, mc: MC, scratchBytes } = init.layout);
      Atomics.store(ctrl, base + S.alive, 1);
    } catch (error) {
      post({ error: String((error && error.stack) || error) });
      return;
    }
    post({ ready: true });
  } else if (message.buffer) {
    staging = new Float32Array(message.buffer);
    version = message.version;
  }
  if (ctrl[base + S.op] !== 0 || Atomics.load(ctrl, base + S.generation) === 0) run();
});
}`;
