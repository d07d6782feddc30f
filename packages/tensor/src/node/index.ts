// @llm/tensor/node: Node-only helpers (also for Bun and Deno, which provide node:worker_threads).

export {
  registerWasmBackendThreaded,
  type WasmBackendThreadedOptions,
  type WasmThreadPool,
} from './wasm-threaded';
