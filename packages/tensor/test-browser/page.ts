// The page the browser runner loads: multiplies seeded matrices on the one-thread `wasm` backend,
// then again after `registerWasmBackendWorkers`, and leaves what it saw in `window.matmulWorkersResult`.
import { Generator, matmul, randn, registerWasmBackend, type Tensor, withBackend } from '@llm/tensor';
import { registerWasmBackendWorkers } from '@llm/tensor/web';

/** [B, M, K, N, transposeB]: big enough to be split (at least 2^20 multiply-adds), odd sizes, batches. */
const cases: [number, number, number, number, boolean][] = [
  [1, 256, 200, 180, false],
  [3, 130, 301, 67, false],
  [2, 97, 128, 150, true],
  [1, 512, 64, 96, true],
];

function inputs(): [Tensor, Tensor][] {
  const generator = new Generator(42);
  return cases.map(([B, M, K, N, transposeB]) => {
    const a = randn([B, M, K], { generator });
    const b = transposeB ? randn([B, N, K], { generator }).transpose(1, 2) : randn([B, K, N], { generator });
    return [a, b];
  });
}

const bits = (t: Tensor) => new Uint32Array(Float32Array.from(t.data as Float32Array).buffer);

async function main() {
  const threads = Number(new URL(location.href).searchParams.get('threads') ?? 3);
  const pairs = inputs();
  await registerWasmBackend();
  const reference = pairs.map(([a, b]) => withBackend('wasm', () => bits(matmul(a, b))));
  const pool = await registerWasmBackendWorkers({ threads });
  const started = performance.now();
  const got = pairs.map(([a, b]) => withBackend('wasm', () => bits(matmul(a, b))));
  const ms = performance.now() - started;
  let differing = 0;
  got.forEach((g, i) => {
    for (let j = 0; j < g.length; j++) if (g[j] !== reference[i][j]) differing++;
  });
  const result = {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    threads: pool.threads,
    singleThreadReason: pool.singleThreadReason ?? null,
    failure: pool.failure ?? null,
    workerJobs: [...pool.workerJobs],
    values: got.reduce((n, g) => n + g.length, 0),
    differing,
    ms,
  };
  await pool.dispose();
  return result;
}

main().then(
  (result) => Object.assign(window, { matmulWorkersResult: result }),
  (error) => Object.assign(window, { matmulWorkersResult: { error: String(error?.stack ?? error) } }),
);
