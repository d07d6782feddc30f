import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
} from '../web/matmul-pool';
import { matmulWorkerBody } from '../web/matmul-worker-source';

export interface WasmBackendThreadedOptions extends WasmBackendOptions, MatmulPoolOptions {
  /** Threads a large matmul is split over, the calling thread included. Default `os.availableParallelism()`. */
  threads?: number;
}

/** The running thread pool behind the `wasm` backend's matmul. */
export interface WasmThreadPool {
  /** Threads in use, the calling thread included (1 after `dispose`, or after a worker died). */
  readonly threads: number;
  /** Why the pool stopped on its own (a worker died or hung), else undefined. */
  readonly failure: string | undefined;
  /** Row blocks each worker has computed so far: non-zero once products were really split. */
  readonly workerJobs: readonly number[];
  /** Terminates the workers; matmul keeps working on the calling thread. */
  dispose(): Promise<void>;
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

// A dynamic import, not require(): it works whether the worker runs as a script or, when the parent
// process was started with --input-type=module (inherited by eval workers), as a module. The worker
// marks itself dead on `process.exit` and on an uncaught error, so a parent blocked on it wakes up.
export const nodeWorkerSource = `import('node:worker_threads').then(({ parentPort }) => {
  (${matmulWorkerBody})(
    (message) => parentPort.postMessage(message),
    (handler) => parentPort.on('message', handler),
    (handler) => {
      process.on('exit', handler);
      process.on('uncaughtException', (error) => {
        handler();
        throw error;
      });
    },
  );
});`;

/**
 * Starts `source` (default: the matmul worker) as a worker_threads Worker. Workers are unref'd so
 * that an idle pool never keeps the process alive; `gone` hears of an exit or error after startup.
 */
export function nodeSpawner(source = nodeWorkerSource): SpawnWorker {
  return (init, gone) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      let started = false;
      worker.on('error', (error) => {
        if (started) gone(`failed: ${error.message}`);
        else reject(error);
      });
      worker.on('exit', (code) => {
        if (started) gone(`exited (code ${code})`);
        else
          reject(new Error(`registerWasmBackendThreaded: a worker exited (code ${code}) before it started.`));
      });
      worker.on('message', (message: { ready?: boolean; error?: string }) => {
        if (started) return;
        if (message.error) {
          reject(new Error(`registerWasmBackendThreaded: a worker failed to start: ${message.error}`));
          void worker.terminate();
          return;
        }
        started = true;
        worker.unref();
        resolve(worker);
      });
      worker.postMessage({ init });
    });
}

let current: WasmThreadPool | undefined;

/**
 * Registers the `wasm` backend (as `registerWasmBackend` does) with its matmul split over `threads`
 * threads: products of at least 2^20 multiply-adds are cut into row blocks, one per thread, each
 * computed by its own instance of the same SIMD module, so results are bitwise those of one thread.
 * The calling thread blocks in `Atomics.wait` while the workers finish; kernels stay synchronous.
 * A worker that dies or hangs makes that product throw (never hang) and the pool fall back to one
 * thread. Calling it again replaces (and disposes) the previous pool.
 */
export async function registerWasmBackendThreaded(
  options: WasmBackendThreadedOptions = {},
): Promise<WasmThreadPool> {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new ValueError(
      `registerWasmBackendThreaded: 'threads' must be a positive integer, got ${threads}.`,
    );
  await registerWasmBackend(options);
  const relaxed = decode(matmulRelaxedSimdBase64);
  const bytes =
    (options.relaxedSimd ?? true) && WebAssembly.validate(relaxed) ? relaxed : decode(matmulSimdBase64);
  const { instance } = await WebAssembly.instantiate(bytes);
  const pool = await MatmulPool.start(threads, bytes, matmulLayout, nodeSpawner(), options);
  await current?.dispose();
  registerKernel('wasm', 'matmul', createThreadedWasmMatmul(instance, matmulLayout, pool));
  current = {
    get threads() {
      return pool.threads;
    },
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
