// One training step of the tiny GPT of issue #8 (bench/lib/gpt-config.mjs): forward, causal LM loss,
// backward and an AdamW step, timed for @llm/tensor (cpu backend, and wasm with its matmul on 1 and 2
// threads through @llm/tensor/node's registerWasmBackendThreaded), TensorFlow.js 4.22 (wasm,
// cpu) and PyTorch CPU with 1 and 2 threads (bench/python/gpt_train_step.py). Every implementation starts
// from the same weights (those @llm/transformer's GPT draws) and trains on the same token batch, so their
// losses at steps 1 and 2 must agree; the run checks that before it reports any time.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adamwConfig,
  batchTokens,
  expectedParameters,
  gptConfig,
  parameterCount,
} from './lib/gpt-config.mjs';
import { round } from './lib/run-cases.mjs';
import { registerTfjsGradients } from './lib/tfjs-gradients.mjs';

export const name = 'gpt-train-step';

const python = '/usr/bin/python3';
const torchScript = fileURLToPath(new URL('./python/gpt_train_step.py', import.meta.url));
// Ours on the wasm backend with its matmul split over this many threads (the machine's 2 cores).
const wasmThreads = [1, 2];
const oursWasm = (threads) => `@llm/tensor wasm threads=${threads}`;
const baseline = oursWasm(1);
// Steps 1 and 2 are the check steps (their losses are compared across implementations) and the warm-up.
const checkSteps = 2;
// Timed steps after them. @llm/tensor's cpu backend takes seconds per step, tfjs-cpu tens of seconds:
// they get fewer, and tfjs-cpu no more than fit in tfjsCpuSeconds.
const timedSteps = { full: 10, quick: 3 };
const slowTimedSteps = { full: 5, quick: 1 };
const tfjsCpuSeconds = 60;
// The untuned tfjs-wasm GPT (tf.matMul's own gradient, about 2 s a step) is there for context only.
const untunedTimedSteps = 3;
// Our two backends run the same kernels except matmul; their losses may differ only by rounding.
const backendTolerance = 1e-4;
// Other libraries sum in other orders (and tfjs on wasm uses XNNPACK): float32 rounding, nothing more.
const crossTolerance = 1e-3;

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfWasm = require('@tensorflow/tfjs-backend-wasm');
tf.env().set('PROD', true);
tfWasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}${path.sep}`);

/**
 * Runs `step` (one training step, returning the loss as a number) `checkSteps` times untimed, recording
 * the losses, then `steps` times timed; a case result in runCases' shape plus the losses.
 */
function timeSteps(label, params, step, steps) {
  const losses = [];
  for (let i = 0; i < checkSteps; i++) losses.push(step());
  const ms = [];
  for (let i = 0; i < steps; i++) {
    const started = performance.now();
    losses.push(step());
    ms.push(performance.now() - started);
  }
  return caseResult(label, params, ms, losses);
}

function caseResult(label, params, ms, losses, extra = {}) {
  const sorted = [...ms].sort((a, b) => a - b);
  process.stderr.write(
    `  done ${label}: median ${quantile(sorted, 0.5).toFixed(1)} ms over ${ms.length} steps, losses ${losses
      .slice(0, 2)
      .map((l) => l.toFixed(6))
      .join(', ')}\n`,
  );
  return {
    name: label,
    params,
    medianMs: round(quantile(sorted, 0.5)),
    meanMs: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
    p75Ms: round(quantile(sorted, 0.75)),
    samples: sorted.length,
    losses: losses.map(lossDigits),
    ...extra,
  };
}

/** A float32 loss needs 9 significant digits to round-trip. */
function lossDigits(loss) {
  return Number(loss.toPrecision(9));
}

/** Linear interpolation between order statistics (tinybench's p50/p75). */
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

// ---------------------------------------------------------------------------------------------------
// @llm/tensor

async function loadLlm() {
  const modules = await Promise.all(
    ['@llm/tensor', '@llm/transformer', '@llm/losses', '@llm/optim'].map((id) =>
      import(id).catch((error) => error),
    ),
  );
  const failed = modules.find((m) => m instanceof Error);
  if (failed)
    return { skip: `@llm packages did not load (${failed.code ?? failed.message}); build them first` };
  const [tensor, transformer, losses, optim] = modules;
  return { tensor, GPT: transformer.GPT, causalLmLoss: losses.causalLmLoss, AdamW: optim.AdamW };
}

function createLlmGpt(llm) {
  const { vocabSize, blockSize, nLayer, nHead, nEmbd, seed } = gptConfig;
  return new llm.GPT({ vocabSize, blockSize, nLayer, nHead, nEmbd, seed, dropout: 0 });
}

/** The GPT's initial weights by name; the tied head appears once, as `wte.weight`. */
function initialWeights(llm) {
  const model = createLlmGpt(llm);
  return {
    count: model.numParameters(),
    params: [...model.namedParameters()].map(([key, p]) => ({
      name: key,
      shape: [...p.shape],
      data: Float32Array.from(p.data),
    })),
  };
}

/** `threads` (wasm only): the row's label and params name the thread count of the wasm matmul. */
function llmCase(llm, backend, tokens, steps, threads) {
  const { tensor: T, causalLmLoss, AdamW } = llm;
  const label = threads === undefined ? `@llm/tensor ${backend}` : oursWasm(threads);
  return T.withBackend(backend, () => {
    const model = createLlmGpt(llm);
    model.train();
    const { betas, ...rest } = adamwConfig;
    const optimizer = new AdamW(model.parameters(), { ...rest, betas: [...betas] });
    const x = T.tensor(tokens, { shape: [gptConfig.batchSize, gptConfig.blockSize], dtype: 'int32' });
    const step = () =>
      T.withBackend(backend, () => {
        const loss = causalLmLoss(model.forward(x), x); // logits (B, T, V) scored against x shifted by one
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
      });
    const params = { library: '@llm/tensor', backend, ...(threads === undefined ? {} : { threads }) };
    return timeSteps(label, params, step, steps);
  });
}

/**
 * Ours on the `wasm` backend registered by `registerWasmBackendThreaded({ threads })`: its matmul split
 * over `threads` threads (1: the same kernel as `registerWasmBackend`'s), the pool disposed afterwards.
 */
async function llmWasmCase(llm, node, tokens, steps, threads) {
  const pool = await node.registerWasmBackendThreaded({ threads });
  try {
    return llmCase(llm, 'wasm', tokens, steps, threads);
  } finally {
    await pool.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------
// TensorFlow.js: the same GPT in tfjs-core ops, gradients from tf.variableGrads, AdamW as tf.train.adam
// after a decoupled decay p <- p(1 - lr·wd) (torch's order: decay, then the Adam update).
//
// Tuned for tfjs-wasm, whose BatchMatMul is fast only without transposes (XNNPACK; a transposed operand
// takes a slow path, about 10x slower here): Linear weights are stored (in, out), as Keras stores them,
// and every product goes through `matmul`, whose gradient transposes explicitly and then multiplies
// plainly, where tf.matMul's own gradient asks for transposed products.

/** a @ b over the last two dims (batch dims equal), with a gradient that avoids transposed products. */
const matmul = tf.customGrad((a, b, save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, [a, b]) => [tf.matMul(dy, swapLast(b)), tf.matMul(swapLast(a), dy)],
  };
});

/** The transpose of the last two dims. */
function swapLast(x) {
  const perm = [...x.shape.keys()];
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.transpose(x, perm);
}

/** `matmulGrad: 'tfjs'` uses tf.matMul and its own gradient instead of `matmul` (the untuned row). */
function createTfjsGpt(weights, { matmulGrad = 'explicit' } = {}) {
  const mm = matmulGrad === 'tfjs' ? (a, b) => tf.matMul(a, b) : matmul;
  const { nLayer, nHead, nEmbd: C, blockSize, layerNormEps } = gptConfig;
  const embeddings = new Set(['wte.weight', 'wpe.weight']);
  const vars = new Map(
    weights.params.map((p) => {
      const linear = p.shape.length === 2 && !embeddings.has(p.name);
      const value = tf.tidy(() => {
        const t = tf.tensor(p.data, p.shape);
        return linear ? tf.transpose(t) : t; // (out, in) -> (in, out)
      });
      const variable = tf.variable(value, true);
      value.dispose();
      return [p.name, variable];
    }),
  );
  const v = (key) => vars.get(key);
  const hs = C / nHead;
  // Additive causal mask, (T, T): -1e9 above the diagonal (exp underflows to 0, as -inf does).
  const mask = tf.tidy(() =>
    tf.mul(tf.sub(tf.linalg.bandPart(tf.ones([blockSize, blockSize]), 0, -1), tf.eye(blockSize)), -1e9),
  );

  const layerNorm = (x, prefix) => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, layerNormEps)));
    return tf.add(tf.mul(normed, v(`${prefix}.weight`)), v(`${prefix}.bias`));
  };
  const linear = (x, prefix) => tf.add(mm(x, v(`${prefix}.weight`)), v(`${prefix}.bias`)); // (N, in) @ (in, out)
  const geluTanh = (x) => {
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(tf.mul(x, x), x))));
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
  };

  /**
   * Mean next-token cross-entropy, from the one-hot ids (B·T, V) and targets (B, T-1, V). The token
   * lookup is a one-hot matmul: tfjs-wasm has no UnsortedSegmentSum kernel, which gather's gradient
   * needs, and the (B·T, V) @ (V, C) product is cheap at V = 65.
   */
  function loss(oneHotIds, oneHotTargets, B, T) {
    const tokens = tf.reshape(mm(oneHotIds, v('wte.weight')), [B, T, C]);
    let x = tf.add(tokens, tf.slice(v('wpe.weight'), [0, 0], [T, C])); // (B, T, C) + (T, C)
    x = tf.reshape(x, [B * T, C]);
    for (let l = 0; l < nLayer; l++) {
      const p = `transformer.layers.${l}`;
      const h = layerNorm(x, `${p}.ln1`);
      const heads = (y) => tf.transpose(tf.reshape(y, [B, T, nHead, hs]), [0, 2, 1, 3]); // (B, nh, T, hs)
      const q = heads(linear(h, `${p}.attn.qProj`));
      const kT = tf.transpose(tf.reshape(linear(h, `${p}.attn.kProj`), [B, T, nHead, hs]), [0, 2, 3, 1]); // (B, nh, hs, T)
      const val = heads(linear(h, `${p}.attn.vProj`));
      const scores = tf.add(tf.mul(mm(q, kT), 1 / Math.sqrt(hs)), mask); // (B, nh, T, T)
      const y = tf.reshape(tf.transpose(mm(tf.softmax(scores), val), [0, 2, 1, 3]), [B * T, C]);
      x = tf.add(x, linear(y, `${p}.attn.outProj`));
      const m = geluTanh(linear(layerNorm(x, `${p}.ln2`), `${p}.mlp.fc`));
      x = tf.add(x, linear(m, `${p}.mlp.proj`));
    }
    const logits = mm(layerNorm(x, 'transformer.lnFinal'), tf.transpose(v('wte.weight'))); // tied head
    const shifted = tf.slice(tf.reshape(logits, [B, T, -1]), [0, 0, 0], [B, T - 1, -1]); // (B, T-1, V)
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(shifted), oneHotTargets), -1)));
  }

  return {
    vars,
    loss,
    dispose() {
      for (const variable of vars.values()) variable.dispose();
      mask.dispose();
    },
  };
}

async function tfjsCase(backend, weights, tokens, stepsFor, { matmulGrad = 'explicit' } = {}) {
  const tuned = matmulGrad === 'explicit';
  const label = tuned ? `tfjs-${backend}` : `tfjs-${backend} (tf.matMul gradient)`;
  if (!(await tf.setBackend(backend))) throw new Error(`gpt-train-step: tfjs backend '${backend}' failed.`);
  await tf.ready();
  const { batchSize: B, blockSize: T, vocabSize } = gptConfig;
  const model = createTfjsGpt(weights, { matmulGrad });
  const ids = tf.tensor2d(tokens, [B, T], 'int32');
  const inputs = tf.oneHot(tf.reshape(ids, [B * T]), vocabSize); // (B·T, V)
  const targets = tf.oneHot(tf.slice(ids, [0, 1], [B, T - 1]), vocabSize); // (B, T-1, V)
  const { lr, betas, eps, weightDecay } = adamwConfig;
  const adam = tf.train.adam(lr, betas[0], betas[1], eps);
  const variables = [...model.vars.values()];
  const step = () => {
    const { value, grads } = tf.variableGrads(() => model.loss(inputs, targets, B, T), variables);
    tf.tidy(() => {
      for (const variable of variables) variable.assign(tf.mul(variable, 1 - lr * weightDecay));
    });
    adam.applyGradients(grads);
    const loss = value.dataSync()[0]; // tfjs kernels may run lazily: reading the loss waits for the step
    tf.dispose([value, grads]);
    return loss;
  };
  try {
    const params = { library: 'tfjs', backend, tuned };
    const steps = stepsFor(step);
    if (typeof steps === 'object') return { name: label, params, ...steps };
    return timeSteps(label, params, step, steps);
  } finally {
    adam.dispose();
    tf.dispose([ids, inputs, targets]);
    model.dispose();
  }
}

/**
 * tfjs-cpu takes about 20 s a step: one step (also the first check step) decides how many timed steps
 * fit in `tfjsCpuSeconds`; in quick mode that one step is all there is, reported as the time.
 */
function tfjsCpuSteps(quick) {
  return (step) => {
    const started = performance.now();
    const first = step();
    const firstMs = performance.now() - started;
    if (quick) {
      return caseResult('tfjs-cpu', { library: 'tfjs', backend: 'cpu', tuned: true }, [firstMs], [first], {
        note: 'BENCH_QUICK=1: one step, the first (includes warm-up)',
      });
    }
    const second = step();
    const fit = Math.min(slowTimedSteps.full, Math.floor((tfjsCpuSeconds * 1000) / firstMs));
    if (fit < 1) {
      return {
        skipped: `one step took ${(firstMs / 1000).toFixed(1)} s; timed steps would exceed ${tfjsCpuSeconds} s`,
        losses: [first, second].map(lossDigits),
      };
    }
    const ms = [];
    const losses = [first, second];
    for (let i = 0; i < fit; i++) {
      const t0 = performance.now();
      losses.push(step());
      ms.push(performance.now() - t0);
    }
    return caseResult('tfjs-cpu', { library: 'tfjs', backend: 'cpu', tuned: true }, ms, losses, {
      note: `${fit} timed steps: as many as fit in ${tfjsCpuSeconds} s at the first step's ${(firstMs / 1000).toFixed(1)} s`,
    });
  };
}

// ---------------------------------------------------------------------------------------------------
// PyTorch

async function torchCases(weights, tokens, steps) {
  const labels = [1, 2].map((threads) => ({
    name: `torch threads=${threads}`,
    params: { library: 'torch', backend: 'cpu', threads },
  }));
  const skipAll = (reason) => ({ cases: labels.map((l) => ({ ...l, skipped: reason })), versions: null });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-gpt-'));
  try {
    const params = [];
    let offset = 0;
    for (const p of weights.params) {
      params.push({ name: p.name, shape: p.shape, offset });
      offset += p.data.length;
    }
    const flat = new Float32Array(offset);
    for (const [i, p] of weights.params.entries()) flat.set(p.data, params[i].offset);
    await writeFile(path.join(dir, 'weights.bin'), flat);
    const manifest = path.join(dir, 'manifest.json');
    await writeFile(
      manifest,
      JSON.stringify({
        config: gptConfig,
        adamw: adamwConfig,
        tokens: [...tokens],
        weightsFile: 'weights.bin',
        params,
      }),
    );
    const child = spawnSync(python, [torchScript, manifest, String(checkSteps), String(steps), '1', '2'], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.error) return skipAll(`${python} did not start (${child.error.code ?? child.error.message})`);
    if (child.status !== 0) {
      const last = child.stderr.trim().split('\n').at(-1);
      return skipAll(`${path.basename(torchScript)} exited ${child.status}: ${last}`);
    }
    const report = JSON.parse(child.stdout);
    if (report.skipped) return skipAll(report.skipped);
    const cases = report.runs.map((r, i) =>
      caseResult(
        labels[i].name,
        labels[i].params,
        r.seconds.map((s) => s * 1000),
        r.losses,
        { numThreads: r.numThreads, parameters: r.parameters },
      ),
    );
    return { cases, versions: { torch: report.torch, python: report.python } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------

/** @param {{ quick: boolean }} context */
export async function run({ quick }) {
  const mode = quick ? 'quick' : 'full';
  const loadBefore = os.loadavg();
  await registerTfjsGradients(); // here, not on import: run.mjs imports every benchmark
  const tokens = batchTokens(gptConfig);
  const cases = [];
  const llm = await loadLlm();
  if (llm.skip) throw new Error(`gpt-train-step: ${llm.skip}.`);
  const node = await import('@llm/tensor/node');
  await llm.tensor.registerWasmBackend();

  const weights = initialWeights(llm);
  const formula = parameterCount(gptConfig);
  if (weights.count !== expectedParameters || formula !== expectedParameters) {
    throw new Error(
      `gpt-train-step: the GPT has ${weights.count} parameters (formula ${formula}), issue #8 says ${expectedParameters}.`,
    );
  }

  // Ours first, then tfjs, then torch; each implementation's steps run back to back.
  for (const threads of wasmThreads)
    cases.push(await llmWasmCase(llm, node, tokens, timedSteps[mode], threads));
  cases.push(llmCase(llm, 'cpu', tokens, slowTimedSteps[mode]));
  cases.push(await tfjsCase('wasm', weights, tokens, () => timedSteps[mode]));
  const tfjsWasmVariant = await tfjsInfo();
  const untuned = quick ? 'BENCH_QUICK=1' : undefined;
  cases.push(
    untuned
      ? {
          name: 'tfjs-wasm (tf.matMul gradient)',
          params: { library: 'tfjs', backend: 'wasm', tuned: false },
          skipped: untuned,
        }
      : await tfjsCase('wasm', weights, tokens, () => untunedTimedSteps, { matmulGrad: 'tfjs' }),
  );
  cases.push(await tfjsCase('cpu', weights, tokens, tfjsCpuSteps(quick)));
  const torch = await torchCases(weights, tokens, timedSteps[mode]);
  cases.push(...torch.cases);
  for (const c of cases) if (c.skipped) process.stderr.write(`  skip ${c.name}: ${c.skipped}\n`);

  const checks = lossChecks(cases);
  const ratios = ratioSummary(cases);
  return {
    cases,
    meta: {
      config: gptConfig,
      adamw: adamwConfig,
      parameters: weights.count,
      warmupSteps: checkSteps,
      llmTensor: {
        version: require('@llm/tensor/package.json').version,
        wasm: { relaxedSimd: WebAssembly.validate(relaxedSimdProbe), threads: wasmThreads },
      },
      tfjs: { version: tf.version_core, wasm: tfjsWasmVariant },
      torch: torch.versions,
      // Other work on the machine (1-minute load average at start and end) slows multi-threaded torch most.
      loadAverage: { before: round(loadBefore[0]), after: round(os.loadavg()[0]) },
    },
    summary: { baseline, ratios, lossChecks: checks },
    table: tableRows(cases),
  };
}

/**
 * Step-1 losses (same weights, same batch) and step-2 losses (after one AdamW step) of every
 * implementation against @llm/tensor cpu's; throws when our two backends disagree or a start is far
 * from ln(vocabSize), the loss of a uniform prediction.
 */
function lossChecks(cases) {
  const ln = Math.log(gptConfig.vocabSize);
  const reference = cases.find((c) => c.name === '@llm/tensor cpu');
  const rows = {};
  for (const c of cases) {
    if (!c.losses) continue;
    const [first, second] = c.losses;
    rows[c.name] = {
      step1: first,
      step2: second ?? null,
      step1Diff: round(Math.abs(first - reference.losses[0])),
      step2Diff: second === undefined ? null : round(Math.abs(second - reference.losses[1])),
    };
    if (!(Math.abs(first - ln) < 0.1)) {
      throw new Error(`gpt-train-step: ${c.name} starts at loss ${first}, expected near ln(65) = ${ln}.`);
    }
    const tolerance = c.params.library === '@llm/tensor' ? backendTolerance : crossTolerance;
    if (!(rows[c.name].step1Diff <= tolerance)) {
      throw new Error(
        `gpt-train-step: ${c.name}'s step-1 loss ${first} differs from @llm/tensor cpu's ${reference.losses[0]} by more than ${tolerance}.`,
      );
    }
  }
  // The threaded matmul is bitwise the one-thread kernel, so every loss of the two rows must be equal.
  const [one, two] = wasmThreads.map((t) => cases.find((c) => c.name === oursWasm(t))?.losses);
  if (one && two && one.some((loss, i) => i < two.length && loss !== two[i])) {
    throw new Error(`gpt-train-step: losses with 1 and 2 threads differ: ${one} vs ${two}.`);
  }
  process.stderr.write(`  losses at steps 1 and 2 (ln 65 = ${ln.toFixed(6)}): ${JSON.stringify(rows)}\n`);
  return { lnVocab: round(ln), backendTolerance, crossTolerance, byCase: rows };
}

function ratioSummary(cases) {
  const ms = (label) => cases.find((c) => c.name === label)?.medianMs;
  const ours = ms(baseline);
  const ours2 = ms(oursWasm(2));
  const ratio = (a, b) => (a === undefined || b === undefined ? null : Number((a / b).toPrecision(4)));
  return {
    // Issue #8: at least 3.
    tfjsWasmOverOursWasm: ratio(ms('tfjs-wasm'), ours),
    tfjsWasmOverOursWasm2Threads: ratio(ms('tfjs-wasm'), ours2),
    tfjsCpuOverOursWasm: ratio(ms('tfjs-cpu'), ours),
    oursCpuOverOursWasm: ratio(ms('@llm/tensor cpu'), ours),
    oursWasm1ThreadOver2Threads: ratio(ours, ours2),
    // Issue #8: at most 2.5, at the same thread count.
    oursWasmOverTorch1Thread: ratio(ours, ms('torch threads=1')),
    oursWasm2ThreadsOverTorch2Threads: ratio(ours2, ms('torch threads=2')),
  };
}

function tableRows(cases) {
  const base = cases.find((c) => c.name === baseline)?.medianMs;
  return cases.map((c) => ({
    implementation: c.name,
    'median ms': c.skipped ? 'skipped' : c.medianMs.toFixed(1),
    steps: c.samples ?? '',
    'time ÷ ours wasm threads=1':
      c.skipped || base === undefined ? '' : `${(c.medianMs / base).toPrecision(3)}×`,
    'loss step 1': c.losses ? c.losses[0].toFixed(6) : '',
    'loss step 2': c.losses?.[1] === undefined ? '' : c.losses[1].toFixed(6),
  }));
}

// A module whose one function uses f32x4.relaxed_madd: whether this engine has relaxed SIMD, i.e.
// which build of the @llm/tensor wasm backend runs (as in matmul.bench.mjs).
const relaxedSimdProbe = Uint8Array.of(
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b],
  ...[0x03, 0x02, 0x01, 0x00],
  ...[0x0a, 0x1c, 0x01, 0x1a, 0x00],
  ...[0x43, 0, 0, 0, 0, 0xfd, 0x13, 0x43, 0, 0, 0, 0, 0xfd, 0x13, 0x43, 0, 0, 0, 0, 0xfd, 0x13],
  ...[0xfd, 0x85, 0x02, 0x0b],
);

async function tfjsInfo() {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    variant: simd && threads ? 'threaded-simd' : simd ? 'simd' : 'plain',
    threadsCount: tfWasm.getThreadsCount(),
  };
}
