#!/usr/bin/env node
// Runs @llm/kernels-gpu on every real GPU code path this machine has, without a GPU: WASM, headless GL
// (under `xvfb-run -a`) and Dawn's WebGPU in Node; WebGL2, WebGL and WebGPU inside Chromium
// (SwiftShader); Deno's built-in WebGPU (lavapipe) and Dawn's WebGPU under Bun. Each path asserts the
// backend that really executed and runs its checks (tests/gpu/env/run-path.ts); a path that is missing
// or that ran another backend fails, it is never skipped. Prints one line per path and exits non-zero
// on any failure.
//
//   node packages/kernels-gpu/env-tests/run-all.mjs [path ...]   (default: every path)
import { bundle } from './lib/bundle.mjs';
import { runInChromium } from './lib/chromium.mjs';
import { localBinary, swiftshaderIcd } from './lib/paths.mjs';
import { spawnReport } from './lib/spawn-report.mjs';

const vulkan = { VK_ICD_FILENAMES: swiftshaderIcd };
/** Failed checks listed per path; the rest are counted. */
const shownFailures = 12;

/**
 * Every path. `runtime` says how it is launched; `plan` is what tests/gpu/env/run-path.ts runs there
 * (`mode`: the backend that must execute; `suite`: `full` is the conformance suite plus the tiny-GPT
 * training, `none` skips them; `memorySteps`: the no-`tidy` memory loop, under `--expose-gc`).
 */
const paths = [
  { runtime: 'node', plan: { path: 'node-webasm', mode: 'webasm', suite: 'full' } },
  { runtime: 'node', display: true, plan: { path: 'node-headlessgl', mode: 'headlessgl', suite: 'full' } },
  {
    runtime: 'node',
    display: true,
    nodeFlags: ['--expose-gc'],
    plan: { path: 'node-headlessgl-memory', mode: 'headlessgl', suite: 'none', memorySteps: 300 },
  },
  { runtime: 'node', env: vulkan, plan: { path: 'node-webgpu', mode: 'webgpu', suite: 'full' } },
  { runtime: 'chromium', plan: { path: 'chromium-webgl2', mode: 'webgl2', suite: 'full' } },
  { runtime: 'chromium', plan: { path: 'chromium-webgl', mode: 'webgl', suite: 'full' } },
  { runtime: 'chromium', plan: { path: 'chromium-webgpu', mode: 'webgpu', suite: 'full' } },
  { runtime: 'deno', plan: { path: 'deno-webgpu', mode: 'webgpu', suite: 'full' } },
  { runtime: 'bun', env: vulkan, plan: { path: 'bun-webgpu', mode: 'webgpu', suite: 'full' } },
];

/** The command line that runs `script` (the bundled runtime entry) with `plan` on `path.runtime`. */
function commandFor(path, script) {
  const plan = JSON.stringify(path.plan);
  switch (path.runtime) {
    case 'node': {
      const node = [process.execPath, ...(path.nodeFlags ?? []), script, plan];
      return path.display ? ['xvfb-run', '-a', ...node] : node;
    }
    case 'deno':
      // Deno's WebGPU needs no permission; reading the bundle and gpu.js's environment probes do.
      return [...localBinary('deno'), 'run', '--allow-read', '--allow-env', script, plan];
    case 'bun':
      return [...localBinary('bun'), script, plan];
    default:
      throw new Error(`run-all: unknown runtime '${path.runtime}'.`);
  }
}

/** Why `report` does not prove `plan`, or undefined when it does. */
function verdict(plan, report, error) {
  if (error) return error;
  if (report.mode !== plan.mode) return `expected backend '${plan.mode}', '${report.mode}' ran`;
  if (report.checks.length === 0) return 'no checks ran';
  const failed = report.checks.filter((c) => c.error || !(c.worst <= 1));
  if (failed.length > 0) return `${failed.length} check(s) failed`;
  return undefined;
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !paths.some((p) => p.plan.path === name));
if (unknown.length > 0) {
  console.error(
    `run-all: unknown path(s) ${unknown.join(', ')}; have ${paths.map((p) => p.plan.path).join(', ')}.`,
  );
  process.exit(2);
}
const selected = paths.filter((p) => only.length === 0 || only.includes(p.plan.path));

const started = performance.now();
const results = [];
console.log(
  'path, backend that ran (gpu.js kernel class), checks passed, worst error as a fraction of the ' +
    'tolerance (1e-4 relative), first gpu.js kernel call (compile + run), seconds, verdict\n',
);
const runtimeScript = selected.some((p) => p.runtime !== 'chromium')
  ? await bundle('tests/gpu/env/runtime.ts', 'runtime', 'node')
  : undefined;

for (const path of selected.filter((p) => p.runtime !== 'chromium')) {
  const [command, ...args] = commandFor(path, runtimeScript);
  const wall = performance.now();
  const { report, error, output } = await spawnReport(command, args, { env: path.env });
  results.push({ plan: path.plan, report, error, output, wallSeconds: (performance.now() - wall) / 1000 });
  print(results.at(-1));
}

const browserPaths = selected.filter((p) => p.runtime === 'chromium');
if (browserPaths.length > 0) {
  const wall = performance.now();
  const pageErrors = [];
  let reports;
  try {
    reports = await runInChromium(
      browserPaths.map((p) => p.plan),
      { log: (line) => pageErrors.push(line) },
    );
  } catch (error) {
    reports = browserPaths.map(() => undefined);
    pageErrors.push(`chromium did not run: ${error.message}`);
  }
  const wallSeconds = (performance.now() - wall) / 1000;
  browserPaths.forEach((path, i) => {
    const report = reports[i];
    results.push({
      plan: path.plan,
      report,
      error: report ? undefined : 'no report from the page',
      output: pageErrors.join('\n'),
      wallSeconds: report ? report.seconds : wallSeconds,
    });
    print(results.at(-1));
  });
}

const failures = results.filter((r) => verdict(r.plan, r.report, r.error));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\nrun-all: ${failures.length} of ${results.length} path(s) FAILED in ${seconds} s:`);
  for (const r of failures) {
    console.error(`\n${r.plan.path}: ${verdict(r.plan, r.report, r.error)}`);
    const failed = (r.report?.checks ?? []).filter((c) => c.error || !(c.worst <= 1));
    for (const c of failed.slice(0, shownFailures))
      console.error(`  ${c.name}: ${c.error ?? `worst ${c.worst}`}`);
    if (failed.length > shownFailures) console.error(`  ... and ${failed.length - shownFailures} more`);
    // Without a report the process itself failed: its output says why.
    if (!r.report && r.output)
      console.error(r.output.split('\n').slice(-30).join('\n').replace(/^/gm, '    | '));
  }
  process.exit(1);
}
console.log(`\nrun-all: OK, ${results.length} path(s) in ${seconds} s`);

/** One line per path: backend that ran, checks passed, worst error ratio, first kernel call, seconds. */
function print({ plan, report, error, wallSeconds }) {
  const checks = report?.checks ?? [];
  const passed = checks.filter((c) => !c.error && c.worst <= 1).length;
  const measured = checks.filter((c) => !c.error);
  const worst = measured.reduce((w, c) => ((c.worst ?? Infinity) > w.worst ? c : w), { name: '-', worst: 0 });
  const status = verdict(plan, report, error) ?? 'ok';
  const details = Object.entries(report?.details ?? {})
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  console.log(
    [
      plan.path.padEnd(23),
      `${report?.mode ?? 'none'} (${report?.kernelClass ?? '?'})`.padEnd(32),
      `${passed}/${checks.length} passed`.padEnd(14),
      `worst ${(worst.worst ?? Infinity).toPrecision(3)} (${worst.name.replace(/^conformance: /, '')})`.padEnd(
        34,
      ),
      `first call ${report?.firstCallMs ?? '?'} ms`.padEnd(22),
      `${wallSeconds.toFixed(1)} s`.padEnd(8),
      status,
    ].join(' '),
  );
  if (details) console.log(`${' '.repeat(24)}${details}`);
}
