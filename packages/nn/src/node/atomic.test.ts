// A write that fails halfway (disk full) must leave the previous checkpoint intact. The failure is
// simulated by wrapping fs/promises' `open` so the file handle writes part of the data, then throws.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@llm/tensor';
import { afterEach, expect, it, vi } from 'vitest';
import { loadSafetensors } from '../index';
import { saveSafetensorsFile } from './index';

const failure = vi.hoisted(() => ({ afterBytes: -1, partialWrites: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof fs.open>) => {
    const handle = await fs.open(...args);
    if (failure.afterBytes < 0 || args[1] !== 'wx') return handle;
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile') {
          return async (data: Uint8Array) => {
            await target.write(data.subarray(0, failure.afterBytes));
            failure.partialWrites++;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  return { ...fs, open, default: { ...fs, open } };
});

let dir = '';
afterEach(() => {
  failure.afterBytes = -1;
  rmSync(dir, { recursive: true, force: true });
});

it('a write that fails midway leaves the old file intact and no temporary file behind', async () => {
  dir = mkdtempSync(join(tmpdir(), 'llm-nn-atomic-'));
  const path = join(dir, 'model.safetensors');
  await saveSafetensorsFile(path, { w: tensor([1, 2, 3]) }, { step: '1' });
  const before = readFileSync(path);

  failure.afterBytes = 20;
  await expect(saveSafetensorsFile(path, { w: tensor([9, 9, 9, 9]) }, { step: '2' })).rejects.toThrow(
    /ENOSPC/,
  );
  expect(failure.partialWrites).toBe(1); // the failure really happened mid-write
  expect(readFileSync(path)).toEqual(before);
  expect(readdirSync(dir)).toEqual(['model.safetensors']);
  const { tensors, metadata } = loadSafetensors(new Uint8Array(readFileSync(path)));
  expect(metadata).toEqual({ step: '1' });
  expect(Array.from(tensors.w.data)).toEqual([1, 2, 3]);
});
