// matmul throughput, (n, n) @ (n, n) in float32: GFLOP/s = 2·n³ / median time, and each library's
// GFLOP/s divided by tfjs-wasm's at the same n in the same run (the machine is noisy; ratios travel,
// absolute times do not); plus ours over PyTorch CPU at the same thread count (bench/python/matmul.py).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformFloats } from './lib/mulberry32.mjs';
import { round, runCases } from './lib/run-cases.mjs';

export const name = 'matmul';

const sizes = [128, 256, 512, 1024];
const baseline = 'tfjs-wasm';
// Every call takes seconds at n = 1024 for these; BENCH_QUICK=1 skips them there.
const slowAt1024 = new Set(['tfjs-cpu', 'plain-js']);

// Per-size budgets: tinybench keeps going until both `time` and `iterations` are reached, so the slow
// libraries stop after `iterations` calls at large n while the fast ones fill `time`. The small sizes
// come first, so their warm-up is long enough for V8 to finish compiling the WebAssembly modules with
// its optimizing tier (TurboFan, in the background): 100 ms measured our wasm kernel at n = 128 still
// on the baseline tier (10 GFLOP/s instead of 28).
const budgets = {
  128: { time: 300, iterations: 10, warmupTime: 600, warmupIterations: 3 },
  256: { time: 300, iterations: 5, warmupTime: 300, warmupIterations: 2 },
  512: { time: 400, iterations: 3, warmupTime: 0, warmupIterations: 1 },
  1024: { time: 500, iterations: 3, warmupTime: 0, warmupIterations: 1 },
};

// Threads for the threaded wasm column: this machine's 2 cores (tfjs-wasm runs on one under Node).
const wasmThreads = 2;
const ourSingleThread = '@llm/tensor wasm';
const ourThreaded = `@llm/tensor wasm ×${wasmThreads} threads`;

// PyTorch CPU with 1 and `wasmThreads` threads, each compared with ours at the same thread count.
const python = '/usr/bin/python3';
const torchScript = fileURLToPath(new URL('./python/matmul.py', import.meta.url));
const torchThreads = [1, wasmThreads];
const torchLabel = (threads) => `torch threads=${threads}`;
// Ours at each thread count, the column a torch row is divided into.
const oursAt = { 1: ourSingleThread, [wasmThreads]: ourThreaded };

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfWasm = require('@tensorflow/tfjs-backend-wasm');
// Production mode, as an app would ship it; it also silences the cpu backend's "install tfjs-node" notice.
tf.env().set('PROD', true);
tfWasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);

/**
 * Each library is one async function `(a, b, n) => { run, dispose? }`: `run()` multiplies the row-major
 * (n, n) inputs and returns the product as a Float32Array, so the work is forced to finish inside the
 * timed call (tfjs kernels are lazy until `dataSync()`).
 */
const libraries = {
  '@llm/tensor': prepareLlmTensor,
  [ourSingleThread]: prepareLlmTensorWasm,
  [ourThreaded]: prepareLlmTensorWasmThreaded,
  'tfjs-wasm': (a, b, n) => prepareTfjs('wasm', a, b, n),
  'tfjs-cpu': (a, b, n) => prepareTfjs('cpu', a, b, n),
  'plain-js': preparePlainJs,
};

async function prepareLlmTensor(a, b, n) {
  const llm = await import('@llm/tensor').catch((error) => error);
  if (llm instanceof Error) {
    return { skip: `@llm/tensor did not load (${llm.code ?? llm.message}); build it first` };
  }
  if (typeof llm.matmul !== 'function') return { skip: '@llm/tensor does not export matmul yet' };
  const x = llm.tensor(a, { shape: [n, n] });
  const y = llm.tensor(b, { shape: [n, n] });
  // `.data` downloads from the backend, which forces a lazy backend to finish.
  return { run: () => llm.matmul(x, y).data };
}

async function prepareLlmTensorWasm(a, b, n) {
  const llm = await import('@llm/tensor').catch((error) => error);
  if (llm instanceof Error) {
    return { skip: `@llm/tensor did not load (${llm.code ?? llm.message}); build it first` };
  }
  if (typeof llm.registerWasmBackend !== 'function') {
    return { skip: '@llm/tensor does not export registerWasmBackend yet' };
  }
  // Its defaults, as a user gets them: the relaxed-SIMD build where the engine has it.
  await llm.registerWasmBackend();
  return llm.withBackend('wasm', () => {
    const x = llm.tensor(a, { shape: [n, n] });
    const y = llm.tensor(b, { shape: [n, n] });
    return { run: () => llm.withBackend('wasm', () => llm.matmul(x, y).data) };
  });
}

async function prepareLlmTensorWasmThreaded(a, b, n) {
  const node = await import('@llm/tensor/node').catch((error) => error);
  if (node instanceof Error) {
    return { skip: `@llm/tensor/node did not load (${node.code ?? node.message}); build it first` };
  }
  const llm = await import('@llm/tensor');
  // Re-registers `wasm` with its matmul split over the pool's threads (the column above re-registers
  // the single-threaded one); dispose() stops the workers, so only one column's threads run at a time.
  const pool = await node.registerWasmBackendThreaded({ threads: wasmThreads });
  return llm.withBackend('wasm', () => {
    const x = llm.tensor(a, { shape: [n, n] });
    const y = llm.tensor(b, { shape: [n, n] });
    return {
      run: () => llm.withBackend('wasm', () => llm.matmul(x, y).data),
      dispose: () => pool.dispose(),
    };
  });
}

// A module whose one function uses f32x4.relaxed_madd: whether this engine has relaxed SIMD, i.e.
// which build of the @llm/tensor wasm backend runs (recorded as meta.llmTensor.wasm.relaxedSimd).
const relaxedSimdProbe = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b], // type: [] -> [v128]
  ...[0x03, 0x02, 0x01, 0x00], // one function of type 0
  ...[0x0a, 0x1c, 0x01, 0x1a, 0x00], // code: one body of 26 bytes, no locals
  ...[0x43, 0, 0, 0, 0, 0xfd, 0x13, 0x43, 0, 0, 0, 0, 0xfd, 0x13, 0x43, 0, 0, 0, 0, 0xfd, 0x13], // 3x f32x4.splat(0)
  ...[0xfd, 0x85, 0x02, 0x0b], // f32x4.relaxed_madd, end
);

async function prepareTfjs(backend, a, b, n) {
  if (!(await tf.setBackend(backend))) throw new Error(`matmul: tfjs backend '${backend}' failed to start.`);
  await tf.ready();
  const x = tf.tensor2d(a, [n, n]);
  const y = tf.tensor2d(b, [n, n]);
  return {
    run() {
      const product = tf.matMul(x, y);
      const data = product.dataSync();
      product.dispose();
      return data;
    },
    dispose() {
      x.dispose();
      y.dispose();
    },
  };
}

function preparePlainJs(a, b, n) {
  return { run: () => plainMatmul(a, b, n) };
}

/** The textbook triple loop in i-k-j order, so the inner loop walks rows of `b` and `out` contiguously. */
function plainMatmul(a, b, n) {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k];
      const bRow = k * n;
      for (let j = 0; j < n; j++) out[row + j] += aik * b[bRow + j];
    }
  }
  return out;
}

/** The same inputs for every library and every run: uniform in [-1, 1). */
const uniform = (length, seed) => uniformFloats(length, seed, -1, 1);

/** Throws unless `run` agrees with the plain loop; a library that skips the work would look fast. */
function checkAgainstPlain(label, run, a, b, n) {
  const expected = plainMatmul(a, b, n);
  const actual = run();
  if (actual.length !== expected.length) {
    throw new Error(`matmul: ${label} returned ${actual.length} values, expected ${expected.length}.`);
  }
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  if (!(worst <= 1e-3)) {
    throw new Error(`matmul: ${label} differs from the plain loop by ${worst} at n=${n}.`);
  }
}

async function tfjsInfo() {
  await tf.setBackend('wasm');
  await tf.ready();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    version: tf.version_core,
    wasm: {
      variant: simd && threads ? 'threaded-simd' : simd ? 'simd' : 'plain',
      simd,
      threads,
      threadsCount: tfWasm.getThreadsCount(),
    },
  };
}

/**
 * PyTorch's timings at size `n` for every count in `torchThreads`, as case results (one
 * `/usr/bin/python3 bench/python/matmul.py` run per size, right after the JavaScript libraries at that
 * size, so a ratio's two numbers are measured seconds apart). Skipped with the reason when Python or
 * torch is missing; throws when torch's product sums to something else than the plain loop's.
 */
async function torchCases(a, b, n, want) {
  const labels = torchThreads.map((threads) => ({
    name: `${torchLabel(threads)} n=${n}`,
    params: { library: torchLabel(threads), n, threads },
  }));
  const skipAll = (reason) => {
    process.stderr.write(`  skip torch n=${n}: ${reason}\n`);
    return { cases: labels.map((l) => ({ ...l, skipped: reason })), versions: null };
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-matmul-'));
  try {
    await writeFile(path.join(dir, 'a.bin'), a);
    await writeFile(path.join(dir, 'b.bin'), b);
    const spec = path.join(dir, 'spec.json');
    const data = { a: 'a.bin', b: 'b.bin' };
    await writeFile(
      spec,
      JSON.stringify({ sizes: [n], threads: torchThreads, budgets: { [n]: budgets[n] }, data }),
    );
    const child = spawnSync(python, [torchScript, spec], { encoding: 'utf8', maxBuffer: 1 << 22 });
    if (child.error) return skipAll(`${python} did not start (${child.error.code ?? child.error.message})`);
    if (child.status !== 0) {
      const last = child.stderr.trim().split('\n').at(-1);
      return skipAll(`${path.basename(torchScript)} exited ${child.status}: ${last}`);
    }
    const report = JSON.parse(child.stdout);
    if (report.skipped) return skipAll(report.skipped);
    const cases = report.runs.map((r, i) => {
      if (want !== undefined && !(Math.abs(r.checksum - want) <= 1e-3 * Math.max(1, Math.abs(want)) + 1e-2)) {
        throw new Error(
          `matmul: torch's product sums to ${r.checksum} at n=${n}, the plain loop's to ${want}.`,
        );
      }
      const sorted = [...r.ms].sort((x, y) => x - y);
      const at = (q) => {
        const i = (sorted.length - 1) * q;
        return sorted[Math.floor(i)] + (sorted[Math.ceil(i)] - sorted[Math.floor(i)]) * (i - Math.floor(i));
      };
      process.stderr.write(
        `  done ${labels[i].name}: median ${at(0.5).toFixed(3)} ms over ${sorted.length} samples (${r.numThreads} threads)\n`,
      );
      return {
        ...labels[i],
        medianMs: round(at(0.5)),
        meanMs: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
        p75Ms: round(at(0.75)),
        samples: sorted.length,
        numThreads: r.numThreads,
      };
    });
    return { cases, versions: { torch: report.torch, python: report.python, blas: report.blas } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The sum of the plain loop's product in float64 (for torch's checksum), or undefined above n = 512. */
function plainChecksum(a, b, n) {
  if (n > 512) return undefined;
  return plainMatmul(a, b, n).reduce((sum, x) => sum + x, 0);
}

/** @param {{ quick: boolean }} context */
export async function run({ quick }) {
  const tfjs = await tfjsInfo();
  const results = [];
  let torch = null;
  // Sizes outer, libraries inner: the two numbers in a ratio are measured seconds apart.
  for (const n of sizes) {
    const a = uniform(n * n, 1);
    const b = uniform(n * n, 2);
    const cases = [];
    for (const [library, prepare] of Object.entries(libraries)) {
      const skip = quick && n === 1024 && slowAt1024.has(library) ? 'BENCH_QUICK=1' : undefined;
      cases.push({
        name: `${library} n=${n}`,
        params: { library, n },
        budget: budgets[n],
        skip,
        async setup() {
          const { run, dispose, skip } = await prepare(a, b, n);
          if (skip) return { skip };
          if (n === sizes[0]) checkAgainstPlain(library, run, a, b, n);
          return { fn: run, dispose };
        },
      });
    }
    results.push(...(await runCases(cases)));
    const fromTorch = await torchCases(a, b, n, plainChecksum(a, b, n));
    results.push(...fromTorch.cases);
    torch ??= fromTorch.versions;
  }
  for (const result of results) {
    if (result.medianMs !== undefined) result.gflops = round(gflops(result.params.n, result.medianMs));
  }
  const ratios = ratioTable(results);
  const oursOverTorch = torchRatioTable(results);
  const llmTensor = {
    version: require('@llm/tensor/package.json').version,
    wasm: { relaxedSimd: WebAssembly.validate(relaxedSimdProbe), threads: wasmThreads },
  };
  return {
    cases: results,
    meta: { llmTensor, tfjs, torch },
    summary: { baseline, ratios, oursOverTorch },
    table: tableRows(results, ratios, oursOverTorch),
  };
}

function gflops(n, ms) {
  return (2 * n ** 3) / (ms * 1e6);
}

/** `{ [n]: { [library]: gflops / baseline gflops } }`, from the same run. */
function ratioTable(results) {
  const ratios = {};
  for (const n of sizes) {
    const atN = results.filter((result) => result.params.n === n && result.gflops !== undefined);
    const base = atN.find((result) => result.params.library === baseline);
    if (!base) continue;
    ratios[n] = Object.fromEntries(
      atN.map((r) => [r.params.library, Number((r.gflops / base.gflops).toPrecision(4))]),
    );
  }
  return ratios;
}

/**
 * `{ [n]: { 'threads=t': our GFLOP/s ÷ torch's with t threads } }`: ours single-threaded against
 * torch on 1 thread, ours on the threaded backend against torch on `wasmThreads` (issue #8: at least 0.4).
 */
function torchRatioTable(results) {
  const ratios = {};
  for (const n of sizes) {
    const gflopsOf = (library) =>
      results.find((r) => r.params.n === n && r.params.library === library)?.gflops;
    const row = {};
    for (const threads of torchThreads) {
      const ours = gflopsOf(oursAt[threads]);
      const theirs = gflopsOf(torchLabel(threads));
      row[`threads=${threads}`] =
        ours === undefined || theirs === undefined ? null : Number((ours / theirs).toPrecision(4));
    }
    ratios[n] = row;
  }
  return ratios;
}

function tableRows(results, ratios, oursOverTorch) {
  const columns = [...Object.keys(libraries), ...torchThreads.map(torchLabel)];
  return sizes.map((n) => {
    const row = { n };
    for (const library of columns) {
      const result = results.find((r) => r.params.n === n && r.params.library === library);
      row[library] =
        result?.gflops === undefined
          ? `skipped`
          : `${result.gflops.toFixed(2)} (${ratios[n]?.[library]?.toPrecision(3) ?? '?'}×)`;
    }
    for (const threads of torchThreads) {
      const r = oursOverTorch[n]?.[`threads=${threads}`];
      row[`ours ÷ torch, ${threads} thread${threads === 1 ? '' : 's'}`] =
        r == null ? '' : `${r.toPrecision(3)}×`;
    }
    return row;
  });
}
