// @llm/tensor/web: browser helpers (Web Workers, SharedArrayBuffer); no Node built-ins.

export {
  registerWasmBackendWorkers,
  type WasmBackendWorkersOptions,
  type WasmWorkerPool,
} from './wasm-workers';
