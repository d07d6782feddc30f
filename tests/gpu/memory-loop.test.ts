import { memoryStats, registerGpuBackend } from '@llm/kernels-gpu';
import { describe, expect, it } from 'vitest';
import { memoryLoop } from './memory-loop';

// The headless-GL variant (textures, not typed arrays) runs in packages/kernels-gpu/env-tests/run-all.mjs.
describe('@llm/kernels-gpu memory without tidy (gpu.js webasm)', () => {
  it('keeps live device buffers flat over 200 training steps that never dispose', async () => {
    await registerGpuBackend({ mode: 'webasm', name: 'gpu-memory' });
    const { samples, growth } = await memoryLoop(
      'gpu-memory',
      200,
      () => memoryStats('gpu-memory').liveBuffers,
    );
    expect(samples).toHaveLength(6);
    expect(samples[0]).toBeGreaterThan(0); // the parameters and the batch live on the device
    expect(growth).toBeLessThanOrEqual(4);
  });

  it('sees a leak: tensors kept alive by the caller stay counted', async () => {
    await registerGpuBackend({ mode: 'webasm', name: 'gpu-leak' });
    const kept: unknown[] = [];
    const { growth } = await memoryLoop('gpu-leak', 60, () => memoryStats('gpu-leak').liveBuffers, {
      onStep: (loss) => kept.push(loss),
    });
    expect(growth).toBeGreaterThan(100);
  });
});
