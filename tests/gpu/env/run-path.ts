import { backendInfo, fallbackReport, type GpuMode, memoryStats, registerGpuBackend } from '@llm/kernels-gpu';
import { Generator, matmul, randn, withBackend } from '@llm/tensor';
import { checkBackendConformance, checkBackendConformanceAsync } from '@llm/tensor/testing';
import { type ProbeMode, probeGpuJs } from '../gpujs-probe';
import { memoryLoop } from '../memory-loop';
import { compareLosses, trainTinyGpt } from '../tiny-gpt';
import { describeAdapter } from './describe-adapter';
import { type CheckResult, type PathReport, runtimeName } from './report';

/** What one environment path runs. */
export interface PathPlan {
  /** The path's name in the runner (`node-headlessgl`, ...). */
  readonly path: string;
  /** The gpu.js backend this path must really execute. */
  readonly mode: ProbeMode;
  /** `full`: the whole `@llm/tensor` conformance suite and 3 tiny-GPT AdamW steps; `none`: neither. */
  readonly suite: 'full' | 'none';
  /** Steps of the no-`tidy` memory loop (needs `--expose-gc`); omitted: no memory check. */
  readonly memorySteps?: number;
}

/** The tolerance of issue #9 against the cpu backend: 1e-4 relative (atol for values near zero). */
const tolerance = { rtol: 1e-4, atol: 1e-5 };
/** Live buffers the memory loop may gain between its first and last sample (timing of finalizers). */
const memorySlack = 4;
const backendName = 'gpu';

/** Runs `fn` as a named check; an exception becomes the check's error. */
async function check(checks: CheckResult[], name: string, fn: () => Promise<number> | number): Promise<void> {
  try {
    checks.push({ name, worst: await fn() });
  } catch (error) {
    checks.push({ name, worst: Number.POSITIVE_INFINITY, error: (error as Error).message });
  }
}

/**
 * Runs a path's checks in the current environment and reports them; never throws, so the runner
 * always gets a report (a thrown error becomes a failed check):
 * 1. a raw gpu.js probe proves the environment runs `plan.mode` (kernel class and numbers);
 * 2. `registerGpuBackend({ mode })` must run that mode (`backendInfo().mode`);
 * 3. the conformance suite and tiny-GPT training against the cpu backend, with no CPU fallback;
 * 4. optionally, live device buffers stay flat over a training loop without `tidy`.
 */
export async function runPath(plan: PathPlan): Promise<PathReport> {
  const started = performance.now();
  const checks: CheckResult[] = [];
  const details: Record<string, unknown> = {};
  let kernelClass = 'none';
  let firstCallMs = Number.NaN;
  let mode = 'none';

  await check(checks, `gpu.js ${plan.mode} probe`, async () => {
    if (plan.mode === 'webgpu') details.adapter = await describeAdapter();
    const probe = await probeGpuJs(plan.mode);
    kernelClass = probe.kernelClass;
    firstCallMs = probe.firstCallMs;
    return probe.worst;
  });

  await check(checks, `registerGpuBackend({ mode: '${plan.mode}' })`, async () => {
    const info = await registerGpuBackend({ mode: plan.mode as GpuMode, name: backendName });
    mode = info.mode;
    details.asyncReadback = info.asyncReadback;
    details.probeMs = round(info.probeMs);
    if (info.mode !== plan.mode) throw new Error(`asked for ${plan.mode}, the backend runs ${info.mode}.`);
    return 0;
  });
  if (mode === plan.mode) await runBackendChecks(plan, checks, details);

  return {
    path: plan.path,
    runtime: runtimeName(),
    mode,
    kernelClass,
    firstCallMs: round(firstCallMs),
    checks,
    details,
    seconds: round((performance.now() - started) / 1000),
  };
}

async function runBackendChecks(plan: PathPlan, checks: CheckResult[], details: Record<string, unknown>) {
  const { asyncReadback } = backendInfo(backendName);
  fallbackReport(backendName, true);

  // The first matmul of a new shape compiles its kernels: what a user waits for once.
  await check(checks, 'first matmul', async () => {
    const g = new Generator(1);
    const [a, b] = withBackend(backendName, () => [
      randn([16, 24], { generator: g }),
      randn([24, 12], { generator: g }),
    ]);
    let t0 = performance.now();
    await withBackend(backendName, () => matmul(a, b)).dataAsync();
    details.firstMatmulMs = round(performance.now() - t0);
    t0 = performance.now();
    await withBackend(backendName, () => matmul(a, b)).dataAsync();
    details.secondMatmulMs = round(performance.now() - t0);
    return 0;
  });

  if (plan.suite === 'full') {
    const results = asyncReadback
      ? await checkBackendConformanceAsync(backendName, tolerance)
      : checkBackendConformance(backendName, tolerance);
    if (results.length < 50)
      checks.push({
        name: 'conformance',
        worst: Number.POSITIVE_INFINITY,
        error: `only ${results.length} cases ran, the suite has more than 50.`,
      });
    for (const r of results) checks.push({ name: `conformance: ${r.name}`, worst: r.worst, error: r.error });

    await check(checks, 'tiny GPT + AdamW vs cpu', async () => {
      const readback = asyncReadback ? 'async' : 'sync';
      const want = await trainTinyGpt('cpu', { readback });
      const got = await trainTinyGpt(backendName, { readback });
      details.gptLosses = got.map((l) => round(l, 7));
      return compareLosses(got, want, tolerance.rtol);
    });
  }

  await check(checks, 'no CPU fallback', () => {
    const fallbacks = fallbackReport(backendName);
    if (Object.keys(fallbacks).length > 0)
      throw new Error(`kernels ran on the CPU instead: ${JSON.stringify(fallbacks)}.`);
    return 0;
  });

  if (plan.memorySteps) {
    const steps = plan.memorySteps;
    await check(checks, `memory flat over ${steps} steps without tidy`, async () => {
      const { samples, growth } = await memoryLoop(
        backendName,
        steps,
        () => memoryStats(backendName).liveBuffers,
      );
      details.liveBuffers = samples;
      if (growth > memorySlack) throw new Error(`live buffers grew by ${growth}: ${samples.join(' → ')}.`);
      return Math.max(0, growth) / memorySlack;
    });
  }

  const info = backendInfo(backendName);
  details.compiledKernels = info.compiledKernels;
  details.compileMs = round(info.compileMs);
}

function round(x: number, digits = 4): number {
  return Number(x.toPrecision(digits));
}
