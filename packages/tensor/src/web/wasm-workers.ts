import { registerKernel, registerWasmBackend, ValueError, type WasmBackendOptions } from '@llm/tensor';
import {
  matmulLayout,
  matmulRelaxedSimdBase64,
  matmulSimdBase64,
} from '../backends/wasm/matmul-module.generated';
import {
  createThreadedWasmMatmul,
  MatmulPool,
  type MatmulPoolOptions,
  type SpawnWorker,
} from './matmul-pool';
import { matmulWorkerBody } from './matmul-worker-source';

export interface WasmBackendWorkersOptions extends WasmBackendOptions, MatmulPoolOptions {
  /** Threads a large matmul is split over, the calling thread included. Default `navigator.hardwareConcurrency`. */
  threads?: number;
}

/** The Web Worker pool behind the `wasm` backend's matmul. */
export interface WasmWorkerPool {
  /** Threads in use, the calling thread included: 1 without workers (see `singleThreadReason`), after `dispose`, or after a worker died. */
  readonly threads: number;
  /** Why the backend runs on one thread although more were asked for; undefined when workers run. */
  readonly singleThreadReason: string | undefined;
  /** Why the pool stopped on its own (a worker died or hung), else undefined. */
  readonly failure: string | undefined;
  /** Row blocks each worker has computed so far: non-zero once products were really split. */
  readonly workerJobs: readonly number[];
  /** Terminates the workers; matmul keeps working on the calling thread. */
  dispose(): Promise<void>;
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

const workerSource = `(${matmulWorkerBody})(
  (message) => postMessage(message),
  (handler) => addEventListener('message', (event) => handler(event.data)),
  (handler) => addEventListener('error', handler),
);`;

/** Starts the matmul worker as a module-less Web Worker from a blob: URL (no file to host). */
function webSpawner(url: string): SpawnWorker {
  return (init, gone) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(url, { name: `@llm/tensor matmul ${init.slot + 1}` });
      let started = false;
      worker.addEventListener('error', (event) => {
        if (started) gone(`failed: ${event.message}`);
        else reject(new Error(`registerWasmBackendWorkers: a worker failed to start: ${event.message}`));
      });
      worker.addEventListener('message', (event: MessageEvent<{ ready?: boolean; error?: string }>) => {
        if (started) return;
        if (event.data.error) {
          worker.terminate();
          reject(new Error(`registerWasmBackendWorkers: a worker failed to start: ${event.data.error}`));
          return;
        }
        started = true;
        resolve(worker);
      });
      worker.postMessage({ init });
    });
}

/** Why workers cannot share memory here, or undefined when they can. */
function whyNoWorkers(): string | undefined {
  if (typeof Worker !== 'function') return 'this runtime has no Web Workers';
  if (typeof SharedArrayBuffer !== 'function' || !globalThis.crossOriginIsolated)
    return "the page is not cross-origin isolated (serve it with 'Cross-Origin-Opener-Policy: same-origin' and 'Cross-Origin-Embedder-Policy: require-corp'), so it has no SharedArrayBuffer";
  return undefined;
}

let current: WasmWorkerPool | undefined;

/**
 * Registers the `wasm` backend (as `registerWasmBackend` does) with its matmul split over `threads`
 * Web Workers sharing memory: products of at least 2^20 multiply-adds are cut into row blocks, one
 * per thread, each computed by its own instance of the same SIMD module, so results are bitwise those
 * of one thread. Kernels stay synchronous: the calling thread waits for the workers (`Atomics.wait` in
 * a worker, polling on a page's main thread). Shared memory needs a cross-origin isolated page; where
 * it is missing the backend is registered on one thread and `singleThreadReason` says why. A worker
 * that dies or hangs makes that product throw and the pool fall back to one thread. Calling it again
 * replaces (and disposes) the previous pool.
 */
export async function registerWasmBackendWorkers(
  options: WasmBackendWorkersOptions = {},
): Promise<WasmWorkerPool> {
  const threads = options.threads ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  if (!Number.isInteger(threads) || threads < 1)
    throw new ValueError(`registerWasmBackendWorkers: 'threads' must be a positive integer, got ${threads}.`);
  await registerWasmBackend(options);
  const reason = threads > 1 ? whyNoWorkers() : undefined;
  await current?.dispose();
  if (reason !== undefined || threads === 1) {
    current = {
      threads: 1,
      singleThreadReason: reason,
      failure: undefined,
      workerJobs: [],
      dispose: async () => {},
    };
    return current;
  }
  const relaxed = decode(matmulRelaxedSimdBase64);
  const bytes =
    (options.relaxedSimd ?? true) && WebAssembly.validate(relaxed) ? relaxed : decode(matmulSimdBase64);
  const { instance } = await WebAssembly.instantiate(bytes);
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  let pool: MatmulPool;
  try {
    pool = await MatmulPool.start(threads, bytes, matmulLayout, webSpawner(url), options);
  } finally {
    URL.revokeObjectURL(url);
  }
  registerKernel('wasm', 'matmul', createThreadedWasmMatmul(instance, matmulLayout, pool));
  current = {
    get threads() {
      return pool.threads;
    },
    singleThreadReason: undefined,
    get failure() {
      return pool.failure;
    },
    get workerJobs() {
      return pool.workerJobs;
    },
    dispose: () => pool.dispose(),
  };
  return current;
}
