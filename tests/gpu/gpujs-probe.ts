import * as gpujs from 'gpu.js';

/** A gpu.js backend this probe can demand; `gpu` (auto) is left out on purpose: the probe names one. */
export type ProbeMode = 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'webasm' | 'cpu';

/** What a raw gpu.js kernel did in this environment: the class that really ran, its error and timings. */
export interface ProbeResult {
  readonly mode: ProbeMode;
  /** Constructor name of the compiled kernel (`WebGL2Kernel`, `HeadlessGLKernel`, ...). */
  readonly kernelClass: string;
  /** Largest |gpu − float64 reference| / (1e-5 + 1e-4·|reference|) over both kernels; <= 1 passes. */
  readonly worst: number;
  /** First matmul call: kernel compilation plus one run (what a user pays once per kernel). */
  readonly firstCallMs: number;
  /** Second matmul call on the compiled kernel. */
  readonly secondCallMs: number;
}

// gpu.js exports WebGPUKernel at run time but its typings omit it.
const kernelClasses = gpujs as unknown as Record<string, abstract new (...args: never[]) => unknown>;
const expectedClass: Record<ProbeMode, string> = {
  webgpu: 'WebGPUKernel',
  webgl2: 'WebGL2Kernel',
  webgl: 'WebGLKernel',
  headlessgl: 'HeadlessGLKernel',
  webasm: 'WebAssemblyKernel',
  cpu: 'CPUKernel',
};

/** mulberry32: deterministic inputs without depending on the package under test. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
}

function matrix(rows: number, cols: number, next: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround(next())));
}

function worstRatio(got: ArrayLike<number>[], want: number[][]): number {
  let worst = 0;
  want.forEach((row, i) => {
    row.forEach((b, j) => {
      const a = got[i][j];
      worst = Math.max(worst, Number.isFinite(a) ? Math.abs(a - b) / (1e-5 + 1e-4 * Math.abs(b)) : Infinity);
    });
  });
  return worst;
}

/** Awaits a kernel result whether the backend returned it directly or as a Promise (webgpu, async). */
async function settle<T>(value: T | Promise<T>): Promise<T> {
  return value;
}

/**
 * Runs a raw gpu.js matmul (16×24 · 24×12) and a row-sum kernel in `mode`, compares both with a
 * float64 reference and throws unless the compiled kernel is exactly the class `mode` demands
 * (gpu.js falls back silently, e.g. from `headlessgl` to `webasm` when no display is found). This
 * proves the environment's GPU code path works before, and independently of, `@llm/kernels-gpu`.
 */
export async function probeGpuJs(mode: ProbeMode, seed = 7): Promise<ProbeResult> {
  const next = seeded(seed);
  const a = matrix(16, 24, next);
  const b = matrix(24, 12, next);
  const gpu = new gpujs.GPU({ mode });
  try {
    const matmul = gpu
      .createKernel(function (this: gpujs.IKernelFunctionThis, x: number[][], y: number[][]) {
        let sum = 0;
        for (let k = 0; k < 24; k++) sum += x[this.thread.y][k] * y[k][this.thread.x];
        return sum;
      })
      .setOutput([12, 16]);
    const rowSum = gpu
      .createKernel(function (this: gpujs.IKernelFunctionThis, x: number[][]) {
        let sum = 0;
        for (let k = 0; k < 24; k++) sum += x[this.thread.x][k];
        return sum;
      })
      .setOutput([16]);

    let started = performance.now();
    const product = (await settle(matmul(a, b))) as Float32Array[];
    const firstCallMs = performance.now() - started;
    started = performance.now();
    await settle(matmul(a, b));
    const secondCallMs = performance.now() - started;
    const sums = (await settle(rowSum(a))) as Float32Array;

    const kernel = (matmul as unknown as { kernel: object }).kernel;
    const kernelClass = kernel.constructor.name;
    const expected = kernelClasses[expectedClass[mode]];
    if (!expected || kernel.constructor !== expected)
      throw new Error(
        `probeGpuJs: mode '${mode}' must compile a ${expectedClass[mode]}, got ${kernelClass} (the ${mode} code path is missing here).`,
      );

    const wantProduct = a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
    const wantSums = a.map((row) => row.reduce((s, x) => s + x, 0));
    const worst = Math.max(worstRatio(product, wantProduct), worstRatio([sums], [wantSums]));
    if (!(worst <= 1))
      throw new Error(`probeGpuJs: ${mode} kernels differ from the reference (ratio ${worst}).`);
    return { mode, kernelClass, worst, firstCallMs, secondCallMs };
  } finally {
    gpu.destroy();
  }
}
