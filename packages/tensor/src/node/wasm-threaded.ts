import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { registerKernel, registerWasmBackend, ValueError, type WasmBackendOptions } from '@llm/tensor';
import {
  matmulLayout,
  matmulRelaxedSimdBase64,
  matmulSimdBase64,
} from '../backends/wasm/matmul-module.generated';
import { createThreadedWasmMatmul, MatmulPool, type SpawnWorker } from './matmul-pool';

export interface WasmBackendThreadedOptions extends WasmBackendOptions {
  /** Threads a large matmul is split over, the calling thread included. Default `os.availableParallelism()`. */
  threads?: number;
}

/** The running thread pool behind the `wasm` backend's matmul. */
export interface WasmThreadPool {
  /** Threads in use, the calling thread included (1 after `dispose`). */
  readonly threads: number;
  /** Terminates the workers; matmul keeps working on the calling thread. */
  dispose(): Promise<void>;
}

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

// Workers are unref'd so that an idle pool never keeps the process alive.
const spawnNodeWorker: SpawnWorker = (code, workerData) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    const exited = (code: number) =>
      reject(new Error(`registerWasmBackendThreaded: a worker exited (code ${code}) before it started.`));
    worker.once('error', reject);
    worker.once('exit', exited);
    worker.once('message', () => {
      worker.off('error', reject);
      worker.off('exit', exited);
      worker.unref();
      resolve(worker);
    });
  });

let current: WasmThreadPool | undefined;

/**
 * Registers the `wasm` backend (as `registerWasmBackend` does) with its matmul split over `threads`
 * threads: products of at least 2^20 multiply-adds are cut into row blocks, one per thread, each
 * computed by its own instance of the same SIMD module, so results are bitwise those of one thread.
 * The calling thread blocks in `Atomics.wait` while the workers finish; kernels stay synchronous.
 * Calling it again replaces (and disposes) the previous pool.
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
  const pool = await MatmulPool.start(threads, bytes, matmulLayout, spawnNodeWorker);
  await current?.dispose();
  registerKernel('wasm', 'matmul', createThreadedWasmMatmul(instance, matmulLayout, pool));
  current = {
    get threads() {
      return pool.threads;
    },
    dispose: () => pool.dispose(),
  };
  return current;
}
