import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tensor } from '@llm/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSafetensors, SafetensorsError, saveSafetensors } from '../index';
import { loadSafetensorsFile, saveSafetensorsFile } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-nn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('saveSafetensorsFile / loadSafetensorsFile', () => {
  it('round-trips through a file and replaces an existing one', async () => {
    const path = join(dir, 'model.safetensors');
    await saveSafetensorsFile(path, { w: tensor([1, 2, 3]) }, { step: '1' });
    await saveSafetensorsFile(path, { w: tensor([4, 5]), m: tensor([true]) }, { step: '2' });
    const { tensors, metadata } = await loadSafetensorsFile(path);
    expect(metadata).toEqual({ step: '2' });
    expect(Array.from(tensors.w.data)).toEqual([4, 5]);
    expect(readdirSync(dir)).toEqual(['model.safetensors']); // no temporary files left
    expect(readFileSync(path)).toEqual(
      Buffer.from(saveSafetensors({ w: tensor([4, 5]), m: tensor([true]) }, { step: '2' })),
    );
  });

  it('leaves the target untouched and cleans up when the final rename fails', async () => {
    const path = join(dir, 'ckpt');
    mkdirSync(path); // renaming a file over a non-empty directory fails after the data was written
    writeFileSync(join(path, 'keep'), 'old');
    await expect(saveSafetensorsFile(path, { w: tensor([1]) })).rejects.toThrow(
      /EISDIR|ENOTEMPTY|EEXIST|EPERM/,
    );
    expect(readdirSync(dir)).toEqual(['ckpt']);
    expect(readFileSync(join(path, 'keep'), 'utf8')).toBe('old');
  });

  it('does not touch the file system when serialisation fails', async () => {
    const path = join(dir, 'model.safetensors');
    writeFileSync(path, 'old');
    await expect(saveSafetensorsFile(path, { w: 3 as never })).rejects.toThrow(/must be a Tensor/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
  });

  it('validates what it reads', async () => {
    const path = join(dir, 'bad.safetensors');
    writeFileSync(path, Buffer.from(saveSafetensors({ w: tensor([1, 2]) })).subarray(0, 30));
    await expect(loadSafetensorsFile(path)).rejects.toThrow(SafetensorsError);
    expect(() => loadSafetensors(new Uint8Array(readFileSync(path)))).toThrow(SafetensorsError);
  });
});
