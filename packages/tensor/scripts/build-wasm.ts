// Regenerates the committed WebAssembly modules (src/backends/wasm/*-module.generated.ts) from the
// emitter in src/backends/wasm/emit/: no toolchain beyond tsx. Runs as the first half of the package
// build (`npm run build`), so a build always embeds what the emitter makes; a test fails when the
// committed files are out of date.
import { writeFileSync } from 'node:fs';
import { renderKernelsModuleSource, renderMatmulModuleSource } from '../src/backends/wasm/emit/generate';

for (const [file, text] of [
  ['matmul-module.generated.ts', renderMatmulModuleSource()],
  ['kernels-module.generated.ts', renderKernelsModuleSource()],
] as const) {
  const target = new URL(`../src/backends/wasm/${file}`, import.meta.url);
  writeFileSync(target, text);
  console.log(`wrote ${target.pathname}`);
}
