import { defineProject } from 'vitest/config';

/**
 * The vitest project config every workspace uses. The `@llm/source` export condition makes
 * `import '@llm/tensor'` resolve to `src/index.ts`, so tests never need a build first.
 */
export function llmProject(name: string) {
  return defineProject({
    resolve: { conditions: ['@llm/source'] },
    ssr: { resolve: { conditions: ['@llm/source'] } },
    test: {
      name,
      include: ['**/*.test.ts'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  });
}
