import { kernelFallbacks, registerBackend, ValueError } from '@llm/tensor';
import { GPU } from 'gpu.js';
import { Device, type KernelSpec } from './internal/device';
import { DeferredExecutor, EagerExecutor, type Executor } from './internal/executor';
import { createGpuBackend } from './internal/gpu-backend';
import {
  AUTO_ORDER,
  type ConcreteMode,
  GPU_MODES,
  type GpuMode,
  kernelClassName,
  kernelIsMode,
  modeClaimed,
} from './mode';

/** Options of `registerGpuBackend`. */
export interface GpuBackendOptions {
  /** The gpu.js mode to run on; `'auto'` (default) probes and takes the best that truly works. */
  mode?: GpuMode;
  /** The tensor backend name to register under (default `'gpu'`); pass it to `setBackend`. */
  name?: string;
  /**
   * `'eager'` runs each kernel at once; `'deferred'` queues kernels until a read or `flush()`.
   * Default `'auto'`: deferred on webgpu (its kernels are asynchronous), eager elsewhere. Forcing
   * `'deferred'` on a synchronous mode exercises WebGPU's execution model without WebGPU.
   */
  execution?: 'auto' | 'eager' | 'deferred';
}

/** Which gpu.js backend runs a registered GPU backend, and what its first kernels cost. */
export interface GpuBackendInfo {
  /** The tensor backend name. */
  name: string;
  /** The mode that was asked for. */
  requested: GpuMode;
  /** The mode that runs (verified on a probe kernel's gpu.js kernel class). */
  mode: Exclude<GpuMode, 'auto'>;
  /** True when reads must be asynchronous (`await t.dataAsync()`): kernels are deferred. */
  asyncReadback: boolean;
  /** Largest texture side on GL modes (buffers are laid out as 2-D textures), else `null`. */
  maxTextureSize: number | null;
  /** Wall time of the probe: context creation plus the first kernel's compile and run, in ms. */
  probeMs: number;
  /** Distinct kernels compiled so far (one per op and shape signature). */
  compiledKernels: number;
  /** Summed first-call time (compile + one run) of every compiled kernel, in ms. */
  compileMs: number;
  /** Modes `'auto'` tried and rejected before this one, with the reason. */
  rejected: { mode: ConcreteMode; reason: string }[];
}

interface Instance {
  readonly device: Device;
  readonly executor: Executor;
  readonly fallbacks: Map<string, number>;
  readonly info: Omit<GpuBackendInfo, 'compiledKernels' | 'compileMs'>;
  /** `kernelFallbacks()` counts at the last `fallbackReport(name, true)`. */
  baseline: Record<string, number>;
}

const instances = new Map<string, Instance>();

const PROBE_SOURCE = 'function(a0) {\n  const i = this.thread.x;\n  return a0[i] * 3 + 0.25;\n}';

/**
 * Builds a device for `mode` and proves it: a probe kernel must run on the gpu.js kernel class of
 * that mode (gpu.js may otherwise degrade silently, e.g. to its JS cpu kernels) and compute in
 * full float32 precision (not the 8-bit packed textures of `precision: 'unsigned'`).
 */
async function probe(mode: ConcreteMode): Promise<{ device: Device; maxTextureSize: number | null }> {
  if (!modeClaimed(mode)) throw new Error(hintFor(mode));
  if (mode === 'webgpu' && !(await GPU.isWebGPUAvailable()))
    throw new Error('navigator.gpu exists but no WebGPU adapter answered.');
  let device: Device | null = null;
  try {
    device = new Device(mode);
    const data = Float32Array.from([1 / 3, 1 + 2 ** -20, -2.5e-3, 16777215 / 3, 7]);
    const spec: KernelSpec = { name: 'probe', source: PROBE_SOURCE, size: data.length };
    const input = await device.upload(data);
    const output = await device.call(spec, [input]);
    const got = await device.read(output, data.length);
    device.free(input);
    device.free(output);
    const kernel = device.kernel(spec).kernel;
    if (!kernelIsMode(kernel, mode))
      throw new Error(`gpu.js ran the probe kernel on ${kernelClassName(kernel)} instead.`);
    data.forEach((v, i) => {
      const want = Math.fround(Math.fround(v * 3) + 0.25);
      if (!(Math.abs(got[i] - want) <= 1e-6 * Math.abs(want)))
        throw new Error(`the probe kernel is not float32-accurate (got ${got[i]}, want ${want}).`);
    });
    const features = (kernel as { constructor: { features?: { maxTextureSize?: number } } }).constructor
      .features;
    const max = features?.maxTextureSize;
    return { device, maxTextureSize: typeof max === 'number' && Number.isFinite(max) ? max : null };
  } catch (e) {
    try {
      device?.destroy();
    } catch {
      // The context may never have come up; the probe error is the one to report.
    }
    throw e;
  }
}

function hintFor(mode: ConcreteMode): string {
  switch (mode) {
    case 'webgpu':
      return 'navigator.gpu is missing (a WebGPU browser, or Node with the `webgpu` package globals installed).';
    case 'webgl2':
    case 'webgl':
      return `no ${mode} context (needs a browser with ${mode === 'webgl2' ? 'WebGL 2' : 'WebGL'}).`;
    case 'headlessgl':
      return 'headless GL is unavailable (needs Node with the `gl` package and a display, e.g. `xvfb-run -a`).';
    case 'webasm':
      return 'WebAssembly is unavailable here.';
    case 'cpu':
      return 'the cpu mode failed.';
  }
}

/**
 * Registers a gpu.js-backed `@llm/tensor` backend (activate it with `setBackend(info.name)`).
 * An explicit mode that does not truly work rejects with the reason; `'auto'` tries
 * webgl2, webgl, headlessgl, webgpu, webasm, cpu in that order and takes the first that does.
 *
 * @example
 * const info = await registerGpuBackend(); // { mode: 'webgl2', ... } in a browser
 * setBackend('gpu');
 */
export async function registerGpuBackend(options: GpuBackendOptions = {}): Promise<GpuBackendInfo> {
  const requested = options.mode ?? 'auto';
  const name = options.name ?? 'gpu';
  const execution = options.execution ?? 'auto';
  if (!GPU_MODES.includes(requested))
    throw new ValueError(
      `registerGpuBackend: 'mode' must be one of ${GPU_MODES.join(', ')}, got ${String(requested)}.`,
    );
  if (typeof name !== 'string' || name === '' || name === 'cpu')
    throw new ValueError(
      `registerGpuBackend: 'name' must be a non-empty string other than 'cpu', got ${String(name)}.`,
    );
  if (!['auto', 'eager', 'deferred'].includes(execution))
    throw new ValueError(
      `registerGpuBackend: 'execution' must be one of auto, eager, deferred, got ${String(execution)}.`,
    );

  const rejected: GpuBackendInfo['rejected'] = [];
  const t0 = performance.now();
  let chosen: { mode: ConcreteMode; device: Device; maxTextureSize: number | null } | null = null;
  for (const mode of requested === 'auto' ? AUTO_ORDER : [requested]) {
    try {
      chosen = { mode, ...(await probe(mode)) };
      break;
    } catch (e) {
      const reason = (e as Error).message;
      if (requested !== 'auto')
        throw new ValueError(`registerGpuBackend: mode '${mode}' does not work here: ${reason}`);
      rejected.push({ mode, reason });
    }
  }
  if (!chosen)
    throw new ValueError(
      `registerGpuBackend: no mode works here (${rejected.map((r) => `${r.mode}: ${r.reason}`).join('; ')}).`,
    );
  const probeMs = performance.now() - t0;

  const deferred = execution === 'deferred' || (execution === 'auto' && chosen.mode === 'webgpu');
  if (chosen.mode === 'webgpu' && execution === 'eager')
    throw new ValueError(
      "registerGpuBackend: 'execution: eager' is impossible on webgpu (its kernels are asynchronous).",
    );
  const executor = deferred ? new DeferredExecutor(chosen.device) : new EagerExecutor(chosen.device);
  const label = deferred ? `${chosen.mode} (deferred execution)` : chosen.mode;
  const { backend, fallbacks } = createGpuBackend(name, executor, label);
  registerBackend(backend);
  const info = {
    name,
    requested,
    mode: chosen.mode,
    asyncReadback: deferred,
    maxTextureSize: chosen.maxTextureSize,
    probeMs,
    rejected,
  };
  instances.set(name, { device: chosen.device, executor, fallbacks, info, baseline: {} });
  return backendInfo(name);
}

function instanceFor(fn: string, name: string): Instance {
  const instance = instances.get(name);
  if (!instance) {
    const known = [...instances.keys()];
    throw new ValueError(
      `${fn}: no GPU backend named '${name}' (registered: ${known.length ? known.join(', ') : 'none; call registerGpuBackend() first'}).`,
    );
  }
  return instance;
}

/** Which gpu.js mode runs the GPU backend `name` (default `'gpu'`), and its compile costs so far. */
export function backendInfo(name = 'gpu'): GpuBackendInfo {
  const { info, device } = instanceFor('backendInfo', name);
  return {
    ...info,
    rejected: info.rejected.map((r) => ({ ...r })),
    compiledKernels: device.compiledKernels,
    compileMs: device.compileMs,
  };
}

/** Live device buffers and bytes of backend `name`, its compiled kernel count and queued kernel calls. */
export function memoryStats(name = 'gpu'): {
  liveBuffers: number;
  liveBytes: number;
  compiledKernels: number;
  queuedOps: number;
} {
  const { executor, device } = instanceFor('memoryStats', name);
  return {
    liveBuffers: executor.stats.liveBuffers,
    liveBytes: executor.stats.liveBytes,
    compiledKernels: device.compiledKernels,
    queuedOps: executor instanceof DeferredExecutor ? executor.queued : 0,
  };
}

/**
 * Runs every queued kernel of backend `name` (deferred execution, i.e. WebGPU) and resolves when
 * all their results exist on the device. A no-op on eager modes.
 */
export async function flush(name = 'gpu'): Promise<void> {
  await instanceFor('flush', name).executor.flush();
}

/**
 * How many kernel calls of backend `name` ran on the CPU instead, per op: `'softmax'` for a kernel
 * the backend lacks (counted by `@llm/tensor`'s registry) and `'matmul (float64)'` for calls whose
 * dtype the device cannot hold. Empty when everything ran on the GPU. `reset` starts a new count.
 */
export function fallbackReport(name = 'gpu', reset = false): Record<string, number> {
  const instance = instanceFor('fallbackReport', name);
  const prefix = `${name}:`;
  const report: Record<string, number> = {};
  const registry = kernelFallbacks();
  for (const [key, count] of Object.entries(registry)) {
    if (!key.startsWith(prefix)) continue;
    const since = count - (instance.baseline[key] ?? 0);
    if (since > 0) report[key.slice(prefix.length)] = since;
  }
  for (const [key, count] of instance.fallbacks) report[key] = (report[key] ?? 0) + count;
  if (reset) {
    instance.baseline = Object.fromEntries(Object.entries(registry).filter(([k]) => k.startsWith(prefix)));
    instance.fallbacks.clear();
  }
  return report;
}
