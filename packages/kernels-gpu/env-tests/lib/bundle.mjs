// Bundles one TypeScript entry with esbuild, resolving @llm/* from source (the `@llm/source` export
// condition), so every runtime (Node, Deno, Bun, Chromium) runs the same code without a build first.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');

/**
 * Where bundles go: inside the repository (so `gpu.js` and `webgpu`, left external, resolve from its
 * node_modules in every runtime) and ignored by git.
 */
export const bundleDir = join(repoRoot, 'node_modules', '.cache', 'llm-gpu-env-tests');

/**
 * Bundles `entry` (a path relative to the repository root) to `<bundleDir>/<name>.mjs` and returns
 * the output path. `platform: 'node'` (Node, Deno, Bun) keeps the native and CommonJS packages
 * external; `platform: 'browser'` inlines them, and gpu.js then resolves to its browser build.
 */
export async function bundle(entry, name, platform) {
  const outfile = join(bundleDir, `${name}.mjs`);
  await esbuild.build({
    entryPoints: [join(repoRoot, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    conditions: ['@llm/source'],
    external: platform === 'node' ? ['gpu.js', 'webgpu', 'gl'] : [],
    logLevel: 'error',
  });
  return outfile;
}
