import { defineConfig } from 'vitest/config';

// One config for the whole repo: `npx vitest` at the root runs every project at once.
// `npm test` runs the same projects through turbo, one package at a time, with caching.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests'],
  },
});
