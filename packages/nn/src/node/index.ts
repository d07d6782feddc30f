// @llm/nn/node: file helpers that need Node's fs. The main entry stays browser-safe.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Tensor } from '@llm/tensor';
import {
  type LoadSafetensorsOptions,
  loadSafetensors,
  type Safetensors,
  saveSafetensors,
} from '../safetensors';

/**
 * Writes `tensors` to `path` as safetensors, atomically: the bytes go to a temporary file in the same
 * directory, which is fsynced and then renamed over `path`, so a crash or error leaves either the old
 * file or the new one, never a partial file. The temporary file is removed on failure.
 */
export async function saveSafetensorsFile(
  path: string,
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  const bytes = saveSafetensors(tensors, metadata);
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** Reads and validates a safetensors file (see `loadSafetensors`). */
export async function loadSafetensorsFile(
  path: string,
  options?: LoadSafetensorsOptions,
): Promise<Safetensors> {
  const bytes = await readFile(path);
  return loadSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options);
}

/** Makes the rename durable; best effort, since some platforms cannot open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some filesystems refuse; the data itself was already synced.
  }
}
