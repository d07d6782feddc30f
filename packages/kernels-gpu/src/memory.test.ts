import { Generator, noGrad, randn, setBackend, type Tensor, tensor, withBackend } from '@llm/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage } from '../test/gc';
import { memoryStats, registerGpuBackend } from './index';

// Device memory is managed without tidy(): dispose() frees at once, and tensors that simply
// become unreachable are freed by a FinalizationRegistry. Counts come from memoryStats().
const NAME = 'memory-webasm';

beforeAll(async () => {
  await registerGpuBackend({ mode: 'webasm', name: NAME });
  setBackend('cpu');
});

async function baseline(): Promise<{ liveBuffers: number; liveBytes: number }> {
  await collectGarbage();
  const { liveBuffers, liveBytes } = memoryStats(NAME);
  return { liveBuffers, liveBytes };
}

describe('device memory', () => {
  it('returns to the baseline after dispose()', async () => {
    const base = await baseline();
    const kept = withBackend(NAME, () => {
      const x = tensor([1, 2, 3, 4]);
      const y = x.exp();
      return [x, y, y.matmul(x.reshape([4, 1]))];
    });
    const after = memoryStats(NAME);
    expect(after.liveBuffers).toBe(base.liveBuffers + 3);
    expect(after.liveBytes).toBe(base.liveBytes + 4 * (4 + 4 + 1));
    for (const t of kept) t.dispose();
    expect(memoryStats(NAME)).toMatchObject(base);
    expect(() => kept[1].data).toThrow(/was disposed/);
  });

  it('frees unreachable tensors on garbage collection, and only those', async () => {
    const base = await baseline();
    const kept: Tensor[] = [];
    withBackend(NAME, () => {
      for (let i = 0; i < 20; i++) {
        const t = randn([64], { generator: new Generator(i) })
          .mul(2)
          .relu();
        if (i % 4 === 0) kept.push(t);
      }
    });
    expect(memoryStats(NAME).liveBuffers).toBeGreaterThan(base.liveBuffers + 20);
    await collectGarbage();
    // The five kept tensors survive; everything else (inputs, intermediates, dropped results) is gone.
    expect(memoryStats(NAME).liveBuffers).toBe(base.liveBuffers + kept.length);
    expect(memoryStats(NAME).liveBytes).toBe(base.liveBytes + kept.length * 64 * 4);
    for (const t of kept) t.dispose();
    expect(memoryStats(NAME)).toMatchObject(base);
  });

  it('keeps memory flat over 500 training steps of an MLP (and the loss falls)', async () => {
    const g = new Generator(42);
    const { x, y, params } = withBackend(NAME, () => {
      const x = randn([32, 4], { generator: g });
      const y = x
        .slice(1, 0, 1)
        .mul(x.slice(1, 1, 2))
        .sub(x.slice(1, 2, 3).tanh()); // (32, 1)
      const init = (shape: number[], scale: number) =>
        randn(shape, { generator: g }).mul(scale).detach().requiresGrad_();
      const params = [init([4, 16], 0.5), init([16], 0), init([16, 1], 0.25), init([1], 0)];
      return { x, y, params };
    });
    const step = () =>
      withBackend(NAME, () => {
        const [w1, b1, w2, b2] = params;
        const pred = x.matmul(w1).add(b1).gelu().matmul(w2).add(b2);
        const loss = pred.sub(y).square().mean();
        for (const p of params) p.grad = null;
        loss.backward();
        noGrad(() => {
          for (const p of params) p.assign(p.sub(p.grad!.mul(0.1)));
        });
        return loss;
      });
    const first = step().item();
    let at100 = 0;
    let last = 0;
    for (let i = 1; i < 500; i++) {
      const loss = step();
      if (i === 100) {
        await collectGarbage();
        at100 = memoryStats(NAME).liveBuffers;
      }
      if (i === 499) last = loss.item();
    }
    await collectGarbage();
    const at500 = memoryStats(NAME).liveBuffers;
    // Flat: 400 more steps (each makes ~60 device buffers) leave no buffer behind.
    expect(at500).toBe(at100);
    expect(last).toBeLessThan(first * 0.5);
  });
});
