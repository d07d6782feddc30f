import { setBackend } from '@llm/tensor';
import { checkBackendConformance } from '@llm/tensor/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { backendInfo, fallbackReport, registerGpuBackend } from './index';

// The shared @llm/tensor suite, unchanged, on gpu.js's two modes that run in plain Node. Every
// op goes through the gpu kernels (fallbacks are asserted absent), compared with the cpu backend.
describe.each(['webasm', 'cpu'] as const)('conformance on gpu.js %s mode', (mode) => {
  const name = `conf-${mode}`;
  afterAll(() => setBackend('cpu'));

  it('registers the requested mode and really runs on it', async () => {
    const info = await registerGpuBackend({ mode, name });
    expect(info.mode).toBe(mode);
    expect(info.requested).toBe(mode);
    expect(info.asyncReadback).toBe(false);
  });

  it('passes the @llm/tensor conformance suite within 1e-4 relative, with no CPU fallback', () => {
    fallbackReport(name, true);
    const results = checkBackendConformance(name, { rtol: 1e-4, atol: 1e-5 });
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(fallbackReport(name)).toEqual({});
    expect(backendInfo(name).compiledKernels).toBeGreaterThan(50);
  });
});
