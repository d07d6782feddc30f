import * as gpujs from 'gpu.js';
import type { ConcreteMode } from '../mode';

/** A device buffer as gpu.js hands it out: a GL/WebGPU texture or, on cpu and webasm, a Float32Array. */
export type Resource = unknown;

/** One kernel to run: its generated source and the length of its flat float32 output. */
export interface KernelSpec {
  /** The tensor kernel it serves (`'binary'`, `'reduce'`, ...), for errors and reports. */
  readonly name: string;
  readonly source: string;
  readonly size: number;
}

/** The gpu.js kernel function and the object behind it (`kernel.kernel` in gpu.js terms). */
interface CompiledKernel {
  (...args: unknown[]): unknown;
  kernel?: { constructor: { name: string } };
}

interface ReadableResource {
  toArray(): unknown;
  delete?(): void;
}

/**
 * The only place that talks to gpu.js: compiles kernels (cached by source and output size, so
 * each shape signature compiles once), runs them in pipeline mode so results stay on the device,
 * uploads, reads back and frees buffers. Results may be Promises (WebGPU); callers decide whether
 * to await them.
 */
export class Device {
  readonly gpu: gpujs.GPU;
  readonly mode: ConcreteMode;
  readonly #kernels = new Map<string, CompiledKernel>();
  /** Total wall time of first calls (compile + first run), in ms. */
  compileMs = 0;

  constructor(mode: ConcreteMode) {
    this.mode = mode;
    this.gpu = new gpujs.GPU({ mode } as ConstructorParameters<typeof gpujs.GPU>[0]);
  }

  /** How many distinct kernels (source x output size) have been compiled. */
  get compiledKernels(): number {
    return this.#kernels.size;
  }

  /** The compiled gpu.js kernel for `spec`, created on first use. */
  kernel(spec: KernelSpec): CompiledKernel {
    const key = `${spec.size}|${spec.source}`;
    const cached = this.#kernels.get(key);
    if (cached) return cached;
    const compiled = this.gpu.createKernel(spec.source, {
      output: [spec.size],
      pipeline: true,
      immutable: true,
      precision: 'single',
      tactic: 'precision',
    }) as unknown as CompiledKernel;
    // gpu.js compiles lazily, on the first call: time that call to report the compile cost.
    let first = true;
    const timed = ((...args: unknown[]) => {
      if (!first) return compiled(...args);
      first = false;
      const t0 = performance.now();
      const out = compiled(...args);
      const done = () => {
        this.compileMs += performance.now() - t0;
      };
      if (out instanceof Promise) out.then(done, done);
      else done();
      return out;
    }) as CompiledKernel;
    Object.defineProperty(timed, 'kernel', { get: () => compiled.kernel });
    this.#kernels.set(key, timed);
    return timed;
  }

  /** Runs `spec` on device buffers; the result is a device buffer (or a Promise of one on WebGPU). */
  call(spec: KernelSpec, args: readonly Resource[]): Resource | Promise<Resource> {
    return this.kernel(spec)(...args);
  }

  /** Puts host data on the device (a copy kernel on GPU modes, so every buffer is a texture). */
  upload(data: Float32Array): Resource | Promise<Resource> {
    if (this.mode === 'cpu' || this.mode === 'webasm') return data.slice();
    return this.call({ name: 'upload', source: UPLOAD_SOURCE, size: data.length }, [data]);
  }

  /** Reads a device buffer back as a Float32Array of `size` values (a Promise on WebGPU). */
  read(resource: Resource, size: number): Float32Array | Promise<Float32Array> {
    if (resource instanceof Float32Array) return resource.slice(0, size);
    const out = (resource as ReadableResource).toArray();
    if (out instanceof Promise) return out.then((a) => toFloat32(a, size));
    return toFloat32(out, size);
  }

  /** Frees a device buffer (GL textures and WebGPU buffers are deleted; typed arrays are left to GC). */
  free(resource: Resource): void {
    if (resource instanceof Float32Array) return;
    (resource as ReadableResource).delete?.();
  }

  /** Releases every compiled kernel and the context. */
  destroy(): void {
    this.gpu.destroy();
    this.#kernels.clear();
  }
}

const UPLOAD_SOURCE = 'function(a0) {\n  return a0[this.thread.x];\n}';

function toFloat32(a: unknown, size: number): Float32Array {
  if (a instanceof Float32Array) return a.length === size ? a : a.slice(0, size);
  return Float32Array.from((a as ArrayLike<number>) ?? []).slice(0, size);
}
