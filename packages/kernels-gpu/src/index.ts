// @llm/kernels-gpu: gpu.js kernels for @llm/tensor. Register explicitly, then activate:
//   await registerGpuBackend(); setBackend('gpu');

export { AsyncReadbackError } from './errors';
export type { GpuMode } from './mode';
export {
  backendInfo,
  fallbackReport,
  flush,
  type GpuBackendInfo,
  type GpuBackendOptions,
  memoryStats,
  registerGpuBackend,
} from './register';
