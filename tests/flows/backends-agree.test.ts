import { causalLmLoss } from '@llm/losses';
import { Generator, randint, registerWasmBackend, setBackend, type Tensor } from '@llm/tensor';
import { GPT } from '@llm/transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function run(backend: string): { loss: number; grads: Float32Array[] } {
  setBackend(backend);
  const model = new GPT({ vocabSize: 30, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 32, seed: 5 });
  const ids = randint(0, 30, [4, 16], { generator: new Generator(9) });
  const loss = causalLmLoss(model.forward(ids), ids);
  loss.backward();
  return {
    loss: loss.item(),
    grads: model.parameters().map((p) => Float32Array.from((p.grad as Tensor).data)),
  };
}

describe('the WASM backend and the JS reference backend', () => {
  beforeAll(async () => {
    await registerWasmBackend({ relaxedSimd: false });
  });
  afterAll(() => setBackend('cpu'));

  it('give the same GPT loss and gradients (float32 reduction-order drift only)', () => {
    const cpu = run('cpu');
    const wasm = run('wasm');
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
    let worst = 0;
    cpu.grads.forEach((g, i) => {
      const scale = Math.max(...g.map(Math.abs), 1e-6);
      for (let j = 0; j < g.length; j++) worst = Math.max(worst, Math.abs(wasm.grads[i][j] - g[j]) / scale);
    });
    expect(worst).toBeLessThan(1e-4);
  });
});
