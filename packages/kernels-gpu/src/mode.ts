import * as gpujs from 'gpu.js';

/** Where gpu.js runs the kernels; `'auto'` picks the best mode that truly works here. */
export type GpuMode = 'auto' | 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** A mode that names one gpu.js backend. */
export type ConcreteMode = Exclude<GpuMode, 'auto'>;

/** Every mode `registerGpuBackend` accepts, for validation messages. */
export const GPU_MODES: readonly GpuMode[] = [
  'auto',
  'webgpu',
  'webgl2',
  'webgl',
  'headlessgl',
  'webasm',
  'cpu',
];

/**
 * The order `'auto'` tries. The synchronous GL modes come first so that `t.data` and `item()` keep
 * working; WebGPU (asynchronous readback only) is taken only where no GL context exists, and
 * still ahead of the CPU-side modes.
 */
export const AUTO_ORDER: readonly ConcreteMode[] = [
  'webgl2',
  'webgl',
  'headlessgl',
  'webgpu',
  'webasm',
  'cpu',
];

type KernelClass = abstract new (...args: never[]) => unknown;
const classes = gpujs as unknown as Record<string, KernelClass | undefined>;

/**
 * Whether the gpu.js kernel object `kernel` (`compiled.kernel`) is the class of `mode`. WebGL2 and
 * headless GL kernels subclass the WebGL kernel, so 'webgl' must rule both out.
 */
export function kernelIsMode(kernel: unknown, mode: ConcreteMode): boolean {
  const is = (name: string) => {
    const cls = classes[name];
    return typeof cls === 'function' && kernel instanceof cls;
  };
  switch (mode) {
    case 'webgpu':
      return is('WebGPUKernel');
    case 'webgl2':
      return is('WebGL2Kernel');
    case 'webgl':
      return is('WebGLKernel') && !is('WebGL2Kernel') && !is('HeadlessGLKernel');
    case 'headlessgl':
      return is('HeadlessGLKernel');
    case 'webasm':
      return is('WebAssemblyKernel');
    case 'cpu':
      return is('CPUKernel');
  }
}

/** The gpu.js kernel class name of `kernel`, for error messages. */
export function kernelClassName(kernel: unknown): string {
  return (kernel as { constructor?: { name?: string } } | undefined)?.constructor?.name ?? String(kernel);
}

/** Whether gpu.js claims `mode` is present at all (cheap, synchronous; the probe decides). */
export function modeClaimed(mode: ConcreteMode): boolean {
  const gpu = gpujs.GPU as unknown as Record<string, boolean>;
  switch (mode) {
    case 'webgpu':
      return gpu.isWebGPUSupported === true;
    case 'webgl2':
      return gpu.isWebGL2Supported === true;
    case 'webgl':
      return gpu.isWebGLSupported === true;
    case 'headlessgl':
      return gpu.isHeadlessGLSupported === true;
    case 'webasm':
      return gpu.isWebAssemblySupported === true;
    case 'cpu':
      return true;
  }
}
