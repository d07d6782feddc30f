// Locations and executables the environment tests share.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (four levels above this file). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The SwiftShader Vulkan driver that Debian's chromium package ships: Dawn (webgpu, Bun) runs on it. */
export const swiftshaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Debian's Chromium, driven by playwright-core. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * A runtime from the root devDependencies (`node_modules/.bin`), else `npx --no-install`; returns
 * `[command, ...leadingArgs]`.
 */
export function localBinary(name) {
  const bin = join(repoRoot, 'node_modules', '.bin', name);
  return existsSync(bin) ? [bin] : ['npx', '--no-install', name];
}
