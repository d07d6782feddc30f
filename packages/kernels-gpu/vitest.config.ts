import { defineConfig } from 'vitest/config';
import { llmProject } from '../../vitest.shared';

const base = llmProject('kernels-gpu');

// Forks with --expose-gc: the memory tests force collection to prove that dropped tensors free
// their device buffers (FinalizationRegistry). test/gc.ts falls back to V8's flag API when a
// runner ignores these per-project arguments.
export default defineConfig({
  ...base,
  test: { ...base.test, pool: 'forks', poolOptions: { forks: { execArgv: ['--expose-gc'] } } },
});
