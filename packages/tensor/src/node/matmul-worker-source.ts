// The matmul worker, embedded as source so the package ships no extra file to resolve; it runs as a
// script (`new Worker(code, { eval: true })`). It must call gemm exactly as gemmRows in
// matmul-pool.ts does: each row block then gives the same bits as the single-threaded kernel.

/** Int32 words per worker in the control buffer: 32 words (128 bytes) keeps each slot on its own cache lines. */
export const slotWords = 32;

/** Word offsets inside a worker's control slot. */
export const Slot = {
  /** Bumped by the main thread to start a job (or to stop, when `op` is 0). */
  generation: 0,
  /** Set to `generation` by the worker when the job is done. */
  done: 1,
  /** 1 = ok, 2 = the worker threw (its message is posted to the parent port). */
  status: 2,
  /** Version of the staging buffer; a new one arrives on the parent port first. */
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
} as const;

/** Polls of the generation word before a thread sleeps in `Atomics.wait` (a few tens of µs). */
export const spinIterations = 20_000;

// A dynamic import, not require(): it works whether the worker runs as a script or, when the parent
// process was started with --input-type=module (inherited by eval workers), as a module.
export const matmulWorkerSource = `'use strict';
import('node:worker_threads').then(({ parentPort, workerData, receiveMessageOnPort }) => {
const { control, slot, bytes, layout } = workerData;
const S = ${JSON.stringify(Slot)};
const ctrl = new Int32Array(control);
const base = slot * ${slotWords};
const wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const { mr, nr, kc: KC, mc: MC, scratchBytes } = layout;
const align16 = (n) => Math.ceil(n / 16) * 16;
let staging = new Float32Array(0);
let version = 0;

function job() {
  const want = ctrl[base + S.buffer];
  while (version !== want) {
    const got = receiveMessageOnPort(parentPort);
    if (got) {
      staging = new Float32Array(got.message.buffer);
      version = got.message.version;
    }
  }
  const B = ctrl[base + S.batch], M = ctrl[base + S.m], N = ctrl[base + S.n], K = ctrl[base + S.k];
  const transA = ctrl[base + S.transA] === 1, transB = ctrl[base + S.transB] === 1;
  const i0 = ctrl[base + S.rowStart], rows = ctrl[base + S.rowEnd] - i0;
  // Staging: [A (B*M*K) | B (B*K*N) | C (B*M*N)]; linear memory: [scratch | packed A | packed B | A | B | C rows].
  const kc = Math.min(KC, K);
  const pa = align16(scratchBytes);
  const pb = align16(pa + Math.ceil(MC / mr) * mr * kc * 4 + 16);
  const aAt = align16(pb + Math.ceil(N / nr) * nr * kc * 4 + 16);
  const bAt = align16(aAt + B * M * K * 4);
  const cAt = align16(bAt + B * K * N * 4);
  const need = cAt + B * rows * N * 4;
  const have = wasm.memory.buffer.byteLength;
  if (need > have) wasm.memory.grow(Math.ceil((need - have) / 65536));
  const heap = new Float32Array(wasm.memory.buffer);
  heap.set(staging.subarray(0, B * M * K), aAt / 4);
  heap.set(staging.subarray(B * M * K, B * M * K + B * K * N), bAt / 4);
  const sai = transA ? 1 : K, sak = transA ? M : 1, sbk = transB ? 1 : N, sbj = transB ? K : 1;
  const cOut = B * M * K + B * K * N;
  for (let i = 0; i < B; i++) {
    const c = cAt + i * rows * N * 4;
    wasm.gemm(aAt + (i * M * K + i0 * sai) * 4, bAt + i * K * N * 4, c, rows, N, K, sai, sak, sbk, sbj, pa, pb);
    staging.set(heap.subarray(c / 4, c / 4 + rows * N), cOut + (i * M + i0) * N);
  }
}

parentPort.postMessage({ ready: true });
let generation = 0;
for (;;) {
  // Spin a little before sleeping: back-to-back products then skip the futex wake-up (~50 us).
  for (let spin = 0; spin < ${spinIterations} && Atomics.load(ctrl, base + S.generation) === generation; spin++);
  Atomics.wait(ctrl, base + S.generation, generation);
  generation = Atomics.load(ctrl, base + S.generation);
  if (ctrl[base + S.op] === 0) break;
  let status = 1;
  try {
    job();
  } catch (error) {
    status = 2;
    parentPort.postMessage({ error: String((error && error.stack) || error) });
  }
  Atomics.store(ctrl, base + S.status, status);
  Atomics.store(ctrl, base + S.done, generation);
  Atomics.notify(ctrl, base + S.done);
}
});
`;
