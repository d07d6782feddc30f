/**
 * Thrown by a synchronous read (`t.data`, `toArray()`, `item()`) of a tensor on a backend whose
 * results can only be read asynchronously (WebGPU, or `execution: 'deferred'`), and by a CPU
 * fallback there; use `await t.dataAsync()` / `await t.itemAsync()` instead.
 */
export class AsyncReadbackError extends Error {
  override name = 'AsyncReadbackError';
}
