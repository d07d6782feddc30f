/** One check inside a path: a conformance case, the tiny-GPT training, the memory loop, ... */
export interface CheckResult {
  readonly name: string;
  /** Largest error over the check's tolerance (|got − want| / (atol + rtol·|want|)); <= 1 passes. */
  readonly worst: number;
  readonly error?: string;
}

/**
 * What one environment path reports to `packages/kernels-gpu/env-tests/run-all.mjs`, printed as
 * the last line of stdout (Node, Deno, Bun) or returned from the page (Chromium).
 */
export interface PathReport {
  /** The path's name in the runner (`node-headlessgl`, `chromium-webgpu`, ...). */
  readonly path: string;
  /** The JS runtime and its version. */
  readonly runtime: string;
  /** The backend mode that really executed, as `backendInfo().mode` (or the raw probe) reports it. */
  readonly mode: string;
  /** The gpu.js kernel class the raw probe compiled (`HeadlessGLKernel`, `WebGPUKernel`, ...). */
  readonly kernelClass: string;
  /** First call of the probe's matmul kernel: compile plus one run, in ms. */
  readonly firstCallMs: number;
  readonly checks: readonly CheckResult[];
  /** Path-specific facts worth printing (GPT losses, live buffers, adapter name, ...). */
  readonly details: Record<string, unknown>;
  readonly seconds: number;
}

/** The JS runtime this code runs on, with its version. */
export function runtimeName(): string {
  const g = globalThis as {
    Bun?: { version: string };
    Deno?: { version: { deno: string } };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
  };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  const chrome = g.navigator?.userAgent?.match(/Chrom(?:e|ium)\/([\d.]+)/);
  return chrome ? `chromium ${chrome[1]}` : 'browser';
}
