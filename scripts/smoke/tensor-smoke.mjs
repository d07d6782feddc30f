// A tiny end-to-end use of the BUILT @llm/tensor (dist/, not src/) that must give bit-identical
// results on Node, Bun and Deno: seeded random numbers, autograd and 50 steps of gradient descent
// on a linear regression. scripts/smoke-runtimes.mjs runs it on all three and compares the output.
// The relative import works unchanged in every runtime (Deno needs no import map for it).
import { manualSeed, matmul, randn, tensor } from '../../packages/tensor/dist/index.js';

/** FNV-1a (32-bit) over the bytes of a Float32Array: a short fingerprint of exact float32 values. */
function fnv1a(values) {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function runtime() {
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  return `node ${globalThis.process.versions.node}`;
}

// 1. The random stream itself must match across runtimes.
manualSeed(42);
const randnHash = fnv1a(new Float32Array(randn([64]).toArray()));

// 2. Linear regression y = X w* + 0.1 noise, fitted by gradient descent on the mean squared error.
manualSeed(7);
const n = 64;
const x = randn([n, 3]); // (N, 3)
const trueWeight = tensor([[2], [-3], [0.5]]); // (3, 1)
const y = matmul(x, trueWeight).add(randn([n, 1]).mul(0.1)); // (N, 1)

let weight = tensor([[0], [0], [0]], { requiresGrad: true });
let bias = tensor([0], { requiresGrad: true });
const learningRate = 0.1;
let loss;
for (let step = 0; step < 50; step++) {
  const residual = matmul(x, weight).add(bias).sub(y); // (N, 1)
  loss = residual
    .mul(residual)
    .sum()
    .mul(1 / n);
  loss.backward();
  // Plain SGD, written with fresh leaves so that the example needs no optimizer package.
  weight = tensor(weight.detach().sub(weight.grad.mul(learningRate)).toArray(), { requiresGrad: true });
  bias = tensor(bias.detach().sub(bias.grad.mul(learningRate)).toArray(), { requiresGrad: true });
}

const finalLoss = loss.item();
const fitted = new Float32Array(weight.toArray().flat());
if (!(finalLoss < 0.05))
  throw new Error(`tensor-smoke: loss ${finalLoss} did not fall below 0.05 in 50 steps`);

console.log(
  JSON.stringify({
    runtime: runtime(),
    randnHash,
    loss: finalLoss,
    weight: Array.from(fitted),
    weightHash: fnv1a(fitted),
    bias: bias.item(),
  }),
);
