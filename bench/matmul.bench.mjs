// matmul throughput, (n, n) @ (n, n) in float32: GFLOP/s = 2·n³ / median time, and each library's
// GFLOP/s divided by tfjs-wasm's at the same n in the same run (the machine is noisy; ratios travel,
// absolute times do not).
import { createRequire } from 'node:module';
import path from 'node:path';
import { round, runCases } from './lib/run-cases.mjs';

export const name = 'matmul';

const sizes = [128, 256, 512, 1024];
const baseline = 'tfjs-wasm';
// Every call takes seconds at n = 1024 for these; BENCH_QUICK=1 skips them there.
const slowAt1024 = new Set(['tfjs-cpu', 'plain-js']);

// Per-size budgets: tinybench keeps going until both `time` and `iterations` are reached, so the slow
// libraries stop after `iterations` calls at large n while the fast ones fill `time`.
const budgets = {
  128: { time: 300, iterations: 10, warmupTime: 100, warmupIterations: 3 },
  256: { time: 300, iterations: 5, warmupTime: 100, warmupIterations: 2 },
  512: { time: 400, iterations: 3, warmupTime: 0, warmupIterations: 1 },
  1024: { time: 500, iterations: 3, warmupTime: 0, warmupIterations: 1 },
};

// Threads for the threaded wasm column: this machine's 2 cores (tfjs-wasm runs on one under Node).
const wasmThreads = 2;

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
  '@llm/tensor wasm': prepareLlmTensorWasm,
  [`@llm/tensor wasm ×${wasmThreads} threads`]: prepareLlmTensorWasmThreaded,
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

/** mulberry32: the same inputs for every library and every run. */
function uniform(length, seed) {
  const out = new Float32Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

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

/** @param {{ quick: boolean }} context */
export async function run({ quick }) {
  const tfjs = await tfjsInfo();
  const cases = [];
  // Sizes outer, libraries inner: the two numbers in a ratio are measured seconds apart.
  for (const n of sizes) {
    const a = uniform(n * n, 1);
    const b = uniform(n * n, 2);
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
  }
  const results = await runCases(cases);
  for (const result of results) {
    if (result.medianMs !== undefined) result.gflops = round(gflops(result.params.n, result.medianMs));
  }
  const ratios = ratioTable(results);
  const llmTensor = {
    version: require('@llm/tensor/package.json').version,
    wasm: { relaxedSimd: WebAssembly.validate(relaxedSimdProbe), threads: wasmThreads },
  };
  return {
    cases: results,
    meta: { llmTensor, tfjs },
    summary: { baseline, ratios },
    table: tableRows(results, ratios),
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

function tableRows(results, ratios) {
  return sizes.map((n) => {
    const row = { n };
    for (const library of Object.keys(libraries)) {
      const result = results.find((r) => r.params.n === n && r.params.library === library);
      row[library] =
        result?.gflops === undefined
          ? `skipped`
          : `${result.gflops.toFixed(2)} (${ratios[n]?.[library]?.toPrecision(3) ?? '?'}×)`;
    }
    return row;
  });
}
