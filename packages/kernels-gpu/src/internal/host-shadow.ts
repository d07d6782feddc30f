import {
  cpuBackend,
  type DType,
  type KernelName,
  type Kernels,
  type KernelTensor,
  type TypedArray,
} from '@llm/tensor';
import { GpuHandle, HOST_COPY_LIMIT, handleOf, hostMatches } from './handle';

/**
 * Makes every kernel of `kernels` also compute small int32/bool results on the host when all its
 * tensor inputs are host-known int32/bool tensors (exact and cheap), so such index math stays
 * readable synchronously: ops like oneHot read `max(ids).item()`, which WebGPU could not serve.
 * The device result is computed as usual; the host copy only serves reads.
 */
export function shadowHostIntegers(kernels: Kernels): void {
  for (const kernel of Object.keys(kernels) as KernelName[]) {
    const onDevice = kernels[kernel] as (...args: unknown[]) => unknown;
    (kernels as unknown as Record<string, unknown>)[kernel] = (...args: unknown[]) => {
      const out = onDevice(...args) as GpuHandle;
      const outDtype = OUT_DTYPE[kernel](args);
      if (out.host || !out.slot || out.slot.size > HOST_COPY_LIMIT) return out;
      if (outDtype !== 'int32' && outDtype !== 'bool') return out;
      const tensors = args.flatMap((a) => (Array.isArray(a) ? a : [a])).filter(isKernelTensor);
      const known = tensors.every((x) => {
        const host = handleOf(x).host;
        return (x.dtype === 'int32' || x.dtype === 'bool') && host !== null && hostMatches(host, x.dtype);
      });
      if (!known) return out;
      const hosted = (a: unknown): unknown =>
        Array.isArray(a) ? a.map(hosted) : isKernelTensor(a) ? { ...a, data: handleOf(a).host } : a;
      const cpu = cpuBackend.kernels[kernel] as (...xs: unknown[]) => TypedArray;
      out.host = cpu(...args.map(hosted));
      return out;
    };
  }
}

function isKernelTensor(a: unknown): a is KernelTensor {
  return (
    typeof a === 'object' &&
    a !== null &&
    'shape' in a &&
    'dtype' in a &&
    (a as KernelTensor).data instanceof GpuHandle
  );
}

const firstDtype = (args: unknown[]): DType => {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  return (first as KernelTensor).dtype;
};

/** The result dtype of each kernel call, from its arguments (see the `Kernels` signatures). */
const OUT_DTYPE: Record<KernelName, (args: unknown[]) => DType> = {
  unary: (args) => args[2] as DType,
  clamp: firstDtype,
  binary: (args) => args[4] as DType,
  where: (args) => args[4] as DType,
  cast: (args) => args[1] as DType,
  reduce: (args) => args[3] as DType,
  matmul: firstDtype,
  softmax: firstDtype,
  permute: firstDtype,
  expand: firstDtype,
  slice: firstDtype,
  pad: firstDtype,
  concat: firstDtype,
  gather: firstDtype,
  scatterAdd: firstDtype,
  indexSelect: firstDtype,
  // Fused layer norm: float only, so never shadowed (this backend composes it from the kernels above).
  layerNorm: firstDtype,
  layerNormBackward: firstDtype,
  layerNormParamGrad: firstDtype,
};
