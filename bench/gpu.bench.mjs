// @llm/kernels-gpu against @llm/tensor's cpu backend, call for call in one process per path: matmul
// (n, n) @ (n, n) for n = 128 and 256 with the product read back, and one training step of a small
// GPT (forward, causal LM loss, backward, AdamW). Paths: webasm always (gpu.js's WASM kernels), and
// headlessgl when a display works: this process's own when $DISPLAY is set, else a child under
// `xvfb-run -a` (software GL, Mesa llvmpipe). Software GPUs measure correctness and overheads, not a
// GPU's speed: only the ratios within one path mean anything, and only on this machine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { uniformFloats } from './lib/mulberry32.mjs';
import { round } from './lib/run-cases.mjs';

export const name = 'gpu';

const childFlag = '--gpu-bench-child';
const sizes = [128, 256];
/** Timed rounds per pair (each round times cpu once, then the GPU backend once), full and quick. */
const rounds = { 'matmul n=128': [40, 5], 'matmul n=256': [12, 3], 'gpt train step': [8, 2] };
/** Untimed calls of each side first: kernels compile on the first. */
const warmupCalls = 2;

/** Small enough that software GL finishes a step in seconds, big enough to have every GPT kernel. */
const gptConfig = { vocabSize: 65, blockSize: 32, nLayer: 2, nHead: 4, nEmbd: 64, dropout: 0, seed: 0 };
const batchSize = 4;

async function loadLlm() {
  const ids = ['@llm/tensor', '@llm/kernels-gpu', '@llm/transformer', '@llm/losses', '@llm/optim'];
  const modules = await Promise.all(ids.map((id) => import(id).catch((error) => error)));
  const failed = modules.findIndex((m) => m instanceof Error);
  if (failed >= 0)
    throw new Error(
      `gpu bench: ${ids[failed]} did not load (${modules[failed].message}); build the packages first.`,
    );
  const [tensor, gpu, transformer, losses, optim] = modules;
  return { T: tensor, gpu, GPT: transformer.GPT, causalLmLoss: losses.causalLmLoss, AdamW: optim.AdamW };
}

/** Seeded uniform floats in [-0.5, 0.5), the same for every backend. */
const seededFloats = (length, seed) => uniformFloats(length, seed, -0.5, 0.5);

/** `[webasm] matmul n=128 gpu`: the path the case ran beside, the work, and which backend did it. */
function label(path, work, backend) {
  return `[${path}] ${work} ${backend === 'cpu' ? 'cpu' : 'gpu'}`;
}

function matmulCase(llm, backend, n, path) {
  return {
    name: label(path, `matmul n=${n}`, backend),
    params: { kind: 'matmul', n, path, backend: backend === 'cpu' ? 'cpu' : path },
    setup: () =>
      llm.T.withBackend(backend, () => {
        const a = llm.T.tensor(seededFloats(n * n, 1), { shape: [n, n] });
        const b = llm.T.tensor(seededFloats(n * n, 2), { shape: [n, n] });
        // `.data` reads the product back, so the GPU work finishes inside the timed call.
        return { fn: () => llm.T.withBackend(backend, () => llm.T.matmul(a, b).data) };
      }),
  };
}

function gptCase(llm, backend, path) {
  return {
    name: label(path, 'gpt train step', backend),
    params: {
      kind: 'gpt-train-step',
      path,
      backend: backend === 'cpu' ? 'cpu' : path,
      ...gptConfig,
      batchSize,
    },
    setup: () =>
      llm.T.withBackend(backend, () => {
        const model = new llm.GPT(gptConfig);
        model.train();
        const optimizer = new llm.AdamW(model.parameters(), { lr: 3e-4, weightDecay: 0.1 });
        const ids = llm.T.randint(0, gptConfig.vocabSize, [batchSize, gptConfig.blockSize], {
          generator: new llm.T.Generator(8),
        });
        const fn = () =>
          llm.T.withBackend(backend, () => {
            const loss = llm.causalLmLoss(model.forward(ids), ids);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss.item();
          });
        return { fn };
      }),
  };
}

/**
 * Registers the GPU backend in `mode` and times every case on it and on cpu, interleaved per size so
 * both see the same machine load. Also returns how long kernel compilation took (first calls).
 */
async function measurePath(mode, quick) {
  const llm = await loadLlm();
  const backend = `gpu-${mode}`;
  await llm.gpu.registerGpuBackend({ mode, name: backend });
  const info = llm.gpu.backendInfo(backend);
  if (info.mode !== mode) throw new Error(`gpu bench: asked for ${mode}, the backend runs ${info.mode}.`);
  const pairs = sizes.map((n) => [matmulCase(llm, 'cpu', n, mode), matmulCase(llm, backend, n, mode)]);
  pairs.push([gptCase(llm, 'cpu', mode), gptCase(llm, backend, mode)]);
  const results = [];
  for (const pair of pairs) results.push(...(await timePair(pair, quick)));
  const after = llm.gpu.backendInfo(backend);
  return {
    mode,
    results,
    probeMs: round(info.probeMs),
    compiledKernels: after.compiledKernels,
    // Summed first calls (compile + one run) of every kernel these cases compiled.
    compileMs: round(after.compileMs),
  };
}

/**
 * Times the two cases of `pair` (cpu, then the GPU backend) in alternation, round after round, so a
 * burst of load from other work on the machine hits both sides alike; results in runCases' shape.
 */
async function timePair(pair, quick) {
  const work = pair[0].params.kind === 'matmul' ? `matmul n=${pair[0].params.n}` : 'gpt train step';
  const count = rounds[work][quick ? 1 : 0];
  const prepared = await Promise.all(pair.map((c) => c.setup()));
  for (let i = 0; i < warmupCalls; i++) for (const p of prepared) p.fn();
  const ms = pair.map(() => []);
  for (let r = 0; r < count; r++) {
    prepared.forEach((p, k) => {
      const started = performance.now();
      p.fn();
      ms[k].push(performance.now() - started);
    });
  }
  return pair.map((c, k) => {
    const sorted = ms[k].sort((a, b) => a - b);
    process.stderr.write(
      `  done ${c.name}: median ${quantile(sorted, 0.5).toFixed(3)} ms over ${count} rounds\n`,
    );
    return {
      name: c.name,
      params: c.params,
      medianMs: round(quantile(sorted, 0.5)),
      meanMs: round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
      p75Ms: round(quantile(sorted, 0.75)),
      samples: sorted.length,
    };
  });
}

/** Linear interpolation between order statistics (tinybench's p50/p75). */
function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** headlessgl needs an X display; without one, measure it in a child process under `xvfb-run -a`. */
function measureInChild(mode, quick) {
  const script = fileURLToPath(import.meta.url);
  // execArgv: the child loads the packages the way this process does (dist/, or source under tsx).
  const args = ['-a', process.execPath, ...process.execArgv, script, childFlag, mode, String(quick)];
  const child = spawnSync('xvfb-run', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  });
  if (child.error || child.status !== 0) {
    const skipped = `xvfb-run did not run it (${child.error?.message ?? `exit ${child.status}`})`;
    process.stderr.write(`  skip ${mode}: ${skipped}\n`);
    return { mode, skipped };
  }
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

export async function run({ quick }) {
  const paths = [await measurePath('webasm', quick)];
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: bench runs under node, not as a turbo task.
  const display = process.env.DISPLAY;
  paths.push(display ? await measurePath('headlessgl', quick) : measureInChild('headlessgl', quick));

  const cases = paths.flatMap((p) => p.results ?? []);
  const ratios = {};
  for (const p of paths) {
    if (!p.results) continue;
    const time = (name) => p.results.find((r) => r.name === name)?.medianMs;
    for (const work of [...sizes.map((n) => `matmul n=${n}`), 'gpt train step']) {
      const cpu = time(label(p.mode, work, 'cpu'));
      const gpu = time(label(p.mode, work, 'gpu'));
      // > 1: the GPU backend is faster than cpu.
      if (cpu && gpu) ratios[`${p.mode} ${work}`] = round(cpu / gpu);
    }
  }
  return {
    cases,
    table: cases.map((c) => ({
      case: c.name,
      'median ms': c.medianMs ?? '',
      samples: c.samples ?? '',
      'cpu ÷ this': ratioFor(c, ratios),
    })),
    meta: {
      sizes,
      gpt: { ...gptConfig, batchSize },
      paths: paths.map(({ results: _, ...facts }) => facts),
    },
    summary: { ratios },
  };
}

function ratioFor(c, ratios) {
  if (c.params.backend === 'cpu') return '';
  const work = c.params.kind === 'matmul' ? `matmul n=${c.params.n}` : 'gpt train step';
  return ratios[`${c.params.path} ${work}`] ?? '';
}

// Child mode (see measureInChild): measure one path and print its result as the last line.
if (process.argv[2] === childFlag) {
  const result = await measurePath(process.argv[3], process.argv[4] === 'true');
  console.log(JSON.stringify(result));
}
