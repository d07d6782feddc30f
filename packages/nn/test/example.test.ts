// The README's example, kept runnable: a Module subclass trains, saves to safetensors and reloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linear, LSTM, loadModuleSafetensors, Module, saveModuleSafetensors } from '@llm/nn';
import { loadSafetensorsFile, saveSafetensorsFile } from '@llm/nn/node';
import { Generator, manualSeed, noGrad, randn, type Tensor } from '@llm/tensor';
import { expect, it } from 'vitest';

class SequenceSum extends Module {
  lstm = new LSTM(1, 16, { batchFirst: true, generator: new Generator(0) });
  head = new Linear(16, 1, { generator: new Generator(1) });

  forward(x: Tensor): Tensor {
    const [, [h]] = this.lstm.forward(x); // h: (numLayers, N, 16)
    return this.head.forward(h.squeeze(0)); // (N, 1)
  }
}

it('README example: train a few steps, save and load safetensors', async () => {
  manualSeed(0);
  const x = randn([32, 6, 1]); // (N, L, 1)
  const y = x.sum(1); // target: the sum of each sequence, (N, 1)
  const model = new SequenceSum();
  const losses: number[] = [];
  for (let step = 0; step <= 100; step++) {
    const loss = model.forward(x).sub(y).square().mean();
    model.zeroGrad();
    loss.backward();
    noGrad(() => {
      for (const p of model.parameters()) p.assign(p.sub(p.grad!.mul(0.1)));
    });
    losses.push(loss.item());
  }
  expect(losses[100]).toBeLessThan(losses[0] / 10);

  const copy = new SequenceSum();
  loadModuleSafetensors(copy, saveModuleSafetensors(model, { step: '100' }));
  expect(Array.from(copy.forward(x).data)).toEqual(Array.from(model.forward(x).data));

  const dir = mkdtempSync(join(tmpdir(), 'llm-nn-example-'));
  try {
    const path = join(dir, 'sequence-sum.safetensors');
    await saveSafetensorsFile(path, model.stateDict(), { step: '100' });
    const { tensors, metadata } = await loadSafetensorsFile(path);
    const fresh = new SequenceSum();
    fresh.loadStateDict(tensors);
    expect(metadata).toEqual({ step: '100' });
    expect(Array.from(fresh.forward(x).data)).toEqual(Array.from(model.forward(x).data));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
