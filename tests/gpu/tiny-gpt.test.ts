import { backendInfo, fallbackReport, registerGpuBackend } from '@llm/kernels-gpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareLosses, trainTinyGpt } from './tiny-gpt';

// The GPU paths that need a display or a WebGPU adapter (headless GL, WebGPU, Chromium, Deno, Bun)
// run the same training through `node packages/kernels-gpu/env-tests/run-all.mjs`; plain `npm test`
// has neither, so here it is gpu.js's WASM kernels, eager and with WebGPU's deferred execution.
describe('a tiny GPT trained with AdamW on @llm/kernels-gpu (gpu.js webasm)', () => {
  let reference: number[];

  beforeAll(async () => {
    reference = await trainTinyGpt('cpu');
    const eager = await registerGpuBackend({ mode: 'webasm', name: 'gpu-webasm' });
    expect(eager).toMatchObject({ mode: 'webasm', asyncReadback: false });
    const deferred = await registerGpuBackend({
      mode: 'webasm',
      name: 'gpu-deferred',
      execution: 'deferred',
    });
    expect(deferred).toMatchObject({ mode: 'webasm', asyncReadback: true });
  });

  it('learns on cpu (the reference falls step after step)', () => {
    expect(reference).toHaveLength(3);
    expect(reference[0]).toBeCloseTo(Math.log(16), 0); // an untrained model predicts about uniformly
    expect(reference[1]).toBeLessThan(reference[0]);
    expect(reference[2]).toBeLessThan(reference[1]);
  });

  it('gives the cpu losses within 1e-4 relative, every kernel on the GPU backend', async () => {
    fallbackReport('gpu-webasm', true);
    const losses = await trainTinyGpt('gpu-webasm');
    expect(compareLosses(losses, reference)).toBeLessThanOrEqual(1);
    expect(fallbackReport('gpu-webasm')).toEqual({});
    expect(backendInfo('gpu-webasm').compiledKernels).toBeGreaterThan(20);
  });

  it('trains the same with asynchronous reads only, as on WebGPU (deferred execution)', async () => {
    // The async variant is the same math: on cpu it gives exactly the reference losses.
    expect(await trainTinyGpt('cpu', { readback: 'async' })).toEqual(reference);
    fallbackReport('gpu-deferred', true);
    const losses = await trainTinyGpt('gpu-deferred', { readback: 'async' });
    expect(compareLosses(losses, reference)).toBeLessThanOrEqual(1);
    expect(fallbackReport('gpu-deferred')).toEqual({});
  });

  it('compareLosses fails runs that drift by more than 1e-4 relative', () => {
    const drifted = reference.map((l, i) => (i === 2 ? l * (1 + 3e-4) : l));
    expect(compareLosses(drifted, reference)).toBeGreaterThan(1);
    expect(Number.isNaN(compareLosses([Number.NaN, ...reference.slice(1)], reference))).toBe(true);
  });
});
