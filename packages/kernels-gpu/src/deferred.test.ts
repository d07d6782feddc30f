import { oneHot, setBackend, tensor, withBackend } from '@llm/tensor';
import { checkBackendConformanceAsync } from '@llm/tensor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGarbage } from '../test/gc';
import { AsyncReadbackError, flush, memoryStats, registerGpuBackend } from './index';

// WebGPU's execution model (every kernel queued, results read only asynchronously) forced onto
// the synchronous webasm mode, so the deferred path is covered in plain Node without WebGPU.
const NAME = 'deferred-webasm';

beforeAll(async () => {
  const info = await registerGpuBackend({ mode: 'webasm', name: NAME, execution: 'deferred' });
  expect(info.asyncReadback).toBe(true);
});
afterAll(() => setBackend('cpu'));

describe('deferred execution', () => {
  it('queues kernels until a read, then runs them in order', async () => {
    await flush(NAME);
    await collectGarbage();
    const before = memoryStats(NAME);
    const { x, y, z } = withBackend(NAME, () => {
      const x = tensor([1, 2, 3]);
      const y = x.add(x); // reads x
      const z = y.mul(y).sub(x); // reads y twice, then x: needs every earlier result
      return { x, y, z };
    });
    const queued = memoryStats(NAME);
    expect(queued.queuedOps).toBe(4); // upload, add, mul, sub
    expect(queued.liveBuffers).toBe(before.liveBuffers); // nothing ran yet
    expect(Array.from(await z.dataAsync())).toEqual([3, 14, 33]);
    expect(memoryStats(NAME).queuedOps).toBe(0);
    await collectGarbage();
    expect(memoryStats(NAME).liveBuffers).toBe(before.liveBuffers + 3); // x, y, z; mul's result collected
    expect(await z.itemAsync().catch((e: Error) => e.message)).toMatch(/exactly one element/);
    expect(await withBackend(NAME, () => x.add(y).sum()).itemAsync()).toBe(18);
  });

  it('refuses synchronous reads with a message that says what to do', () => {
    const t = withBackend(NAME, () => tensor([1, 2]).exp());
    expect(() => t.data).toThrow(AsyncReadbackError);
    expect(() => t.sum().item()).toThrow(/await t\.dataAsync\(\)/);
    expect(() => t.toArray()).toThrow(/'deferred-webasm' backend runs on webasm \(deferred execution\)/);
  });

  it('still reads host-known integers synchronously: uploads and index math on them (oneHot needs it)', () => {
    withBackend(NAME, () => {
      const ids = tensor([4, 1, 2], { dtype: 'int32' });
      expect(Array.from(ids.data)).toEqual([4, 1, 2]);
      expect(ids.max().item()).toBe(4);
      expect(ids.add(ids).lt(5).toArray()).toEqual([false, true, true]);
      expect(oneHot(ids, 5).sum(0).toArray()).toEqual([0, 1, 1, 0, 1]);
      // Integers the device computed from floats are not host-known: they read asynchronously.
      expect(() => tensor([0.5, 3]).argmax().item()).toThrow(AsyncReadbackError);
    });
  });

  it('frees a disposed tensor after its queued readers ran, and a disposed result right after its op', async () => {
    await flush(NAME);
    await collectGarbage();
    const base = memoryStats(NAME).liveBuffers;
    const { x, z } = withBackend(NAME, () => {
      const x = tensor([0, 1, 2]);
      const y = x.exp();
      const z = y.add(x);
      y.dispose(); // still queued: z needs it
      const unused = z.mul(z);
      unused.dispose(); // a queued result nobody will read
      return { x, z };
    });
    expect(memoryStats(NAME).queuedOps).toBe(4);
    const e = Math.E;
    const got = Array.from(await z.dataAsync());
    for (const [i, v] of [1, e + 1, e * e + 2].entries()) expect(got[i]).toBeCloseTo(v, 5);
    expect(memoryStats(NAME).liveBuffers).toBe(base + 2); // x and z only
    x.dispose();
    z.dispose();
    expect(memoryStats(NAME).liveBuffers).toBe(base);
  });

  it('names the op when a call would need a synchronous CPU fallback', () => {
    const x = withBackend(NAME, () => tensor([1.5, 2.5]).mul(2));
    expect(() => withBackend(NAME, () => x.to('float64'))).toThrow(
      /cast: on the 'deferred-webasm' backend .* every op must have a GPU kernel/,
    );
  });

  it('passes the asynchronous conformance suite', async () => {
    const results = await checkBackendConformanceAsync(NAME, { rtol: 1e-4, atol: 1e-5 });
    expect(results.length).toBeGreaterThan(50);
    expect(results.filter((r) => r.error)).toEqual([]);
  });
});
