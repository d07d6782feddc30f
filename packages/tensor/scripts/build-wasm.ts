// Regenerates src/backends/wasm/matmul-module.generated.ts from the emitter in src/backends/wasm/emit/.
// Run from packages/tensor: `npx tsx scripts/build-wasm.ts` (no toolchain beyond tsx).
import { writeFileSync } from 'node:fs';
import { renderMatmulModuleSource } from '../src/backends/wasm/emit/generate';

const target = new URL('../src/backends/wasm/matmul-module.generated.ts', import.meta.url);
writeFileSync(target, renderMatmulModuleSource());
console.log(`wrote ${target.pathname}`);
