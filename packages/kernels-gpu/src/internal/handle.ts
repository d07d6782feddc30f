import type { DType, KernelTensor, TypedArray } from '@llm/tensor';
import type { Slot } from './executor';

/**
 * What a gpu tensor's `_handle` is: the device buffer it reads (`slot`), and an optional host copy.
 * float64 tensors live only on the host (the device stores float32); small int32/bool tensors
 * uploaded from the CPU, or computed only from such tensors, keep their host values too, so index
 * checks and reads of index math (`max(ids).item()`) need no readback, even on WebGPU.
 */
export class GpuHandle {
  constructor(
    readonly slot: Slot | null,
    public host: TypedArray | null,
  ) {}
}

/** Host copies of int32/bool tensors are kept up to this many values (index tensors are small). */
export const HOST_COPY_LIMIT = 1 << 16;

/** The handle behind a kernel argument of a gpu backend. */
export function handleOf(x: KernelTensor): GpuHandle {
  return x.data as GpuHandle;
}

/**
 * Device float32 values as the typed array of `dtype` (int32 truncates toward zero and bool is
 * `!= 0`, as the cpu backend stores them).
 */
export function toHost(data: Float32Array, dtype: DType): TypedArray {
  switch (dtype) {
    case 'float32':
      return data;
    case 'float64':
      return Float64Array.from(data);
    case 'int32':
      return Int32Array.from(data);
    case 'bool':
      return Uint8Array.from(data, (v) => (v !== 0 ? 1 : 0));
  }
}

/** Whether a host copy holds values of `dtype`. */
export function hostMatches(host: TypedArray, dtype: DType): boolean {
  switch (dtype) {
    case 'float32':
      return host instanceof Float32Array;
    case 'float64':
      return host instanceof Float64Array;
    case 'int32':
      return host instanceof Int32Array;
    case 'bool':
      return host instanceof Uint8Array;
  }
}
