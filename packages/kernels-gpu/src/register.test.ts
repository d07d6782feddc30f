import { listBackends, setBackend, tensor, ValueError, withBackend } from '@llm/tensor';
import { GPU } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { backendInfo, fallbackReport, flush, memoryStats, registerGpuBackend } from './index';
import { AUTO_ORDER, kernelIsMode } from './mode';

afterAll(() => setBackend('cpu'));

describe('registerGpuBackend', () => {
  it('validates its options, naming the argument and the value', async () => {
    await expect(registerGpuBackend({ mode: 'cuda' as never })).rejects.toThrow(
      "registerGpuBackend: 'mode' must be one of auto, webgpu, webgl2, webgl, headlessgl, webasm, cpu, got cuda.",
    );
    await expect(registerGpuBackend({ name: 'cpu' })).rejects.toThrow(ValueError);
    await expect(registerGpuBackend({ mode: 'cpu', execution: 'lazy' as never })).rejects.toThrow(
      /'execution'/,
    );
  });

  it('rejects explicit modes that do not work here instead of landing elsewhere', async () => {
    // Plain Node has no navigator.gpu and no WebGL; vitest runs without a display for headless GL.
    await expect(registerGpuBackend({ mode: 'webgpu', name: 'x-webgpu' })).rejects.toThrow(
      /mode 'webgpu' does not work here: navigator\.gpu is missing/,
    );
    await expect(registerGpuBackend({ mode: 'webgl2', name: 'x-webgl2' })).rejects.toThrow(
      /mode 'webgl2' does not work here/,
    );
    const headless = registerGpuBackend({ mode: 'headlessgl', name: 'x-headless' });
    if (GPU.isHeadlessGLSupported) await expect(headless).resolves.toMatchObject({ mode: 'headlessgl' });
    else await expect(headless).rejects.toThrow(/mode 'headlessgl' does not work here: .*xvfb-run/);
    expect(listBackends()).not.toContain('x-webgpu');
    expect(listBackends()).not.toContain('x-webgl2');
  });

  it("'auto' takes the first mode that truly works and says why it skipped the others", async () => {
    const info = await registerGpuBackend({ name: 'auto-gpu' });
    expect(info.requested).toBe('auto');
    const at = AUTO_ORDER.indexOf(info.mode);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(info.rejected.map((r) => r.mode)).toEqual(AUTO_ORDER.slice(0, at));
    for (const r of info.rejected) expect(r.reason.length).toBeGreaterThan(10);
    expect(info.asyncReadback).toBe(info.mode === 'webgpu');
    // And the backend computes.
    expect(withBackend('auto-gpu', () => tensor([1, 2, 3]).mul(2).sum().item())).toBe(12);
  });

  it('defaults to the name gpu, so one line turns it on', async () => {
    const info = await registerGpuBackend({ mode: 'cpu' });
    expect(info.name).toBe('gpu');
    setBackend('gpu');
    expect(
      tensor([[1, 2]])
        .matmul(tensor([[3], [4]]))
        .item(),
    ).toBe(11);
    setBackend('cpu');
    expect(backendInfo().mode).toBe('cpu');
    expect(memoryStats().liveBuffers).toBeGreaterThanOrEqual(0);
    await flush();
    expect(fallbackReport()).toEqual({});
  });

  it('names the registered backends when asked about an unknown one', () => {
    expect(() => backendInfo('nope')).toThrow(/backendInfo: no GPU backend named 'nope' \(registered: .*gpu/);
    expect(() => memoryStats('nope')).toThrow(ValueError);
  });
});

describe('kernel cache and compile cost', () => {
  it('compiles once per op and shape signature and times the first calls', async () => {
    await registerGpuBackend({ mode: 'webasm', name: 'cache-webasm' });
    const before = backendInfo('cache-webasm');
    expect(before.probeMs).toBeGreaterThan(0);
    const run = (n: number) => withBackend('cache-webasm', () => tensor(new Array(n).fill(1)).exp().data);
    run(10);
    const once = backendInfo('cache-webasm');
    run(10);
    run(10);
    expect(backendInfo('cache-webasm').compiledKernels).toBe(once.compiledKernels);
    run(11);
    expect(backendInfo('cache-webasm').compiledKernels).toBe(once.compiledKernels + 1); // exp at a new size
    expect(once.compileMs).toBeGreaterThan(before.compileMs);
  });
});

describe('kernel class checks', () => {
  it('tell the cpu and webasm kernels apart (the probe relies on it)', () => {
    for (const mode of ['cpu', 'webasm'] as const) {
      const gpu = new GPU({ mode });
      const k = gpu.createKernel('function(a) { return a[this.thread.x]; }', { output: [2] });
      k(new Float32Array([1, 2]));
      expect(kernelIsMode(k.kernel, mode)).toBe(true);
      expect(kernelIsMode(k.kernel, mode === 'cpu' ? 'webasm' : 'cpu')).toBe(false);
      expect(kernelIsMode(k.kernel, 'webgl')).toBe(false);
      gpu.destroy();
    }
  });
});
