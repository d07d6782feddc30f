import { mergeConfig } from 'vitest/config';
import { llmProject } from '../vitest.shared';

// heap-*.test.ts call globalThis.gc() before every heap sample: the fork pool must expose it.
export default mergeConfig(llmProject('tests'), {
  test: { poolOptions: { forks: { execArgv: ['--expose-gc'] } } },
});
