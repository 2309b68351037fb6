import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on these 2-core
    // machines, which then runs every file one after another while the e2e tests wait on the
    // processes they spawn. Two workers keep both cores busy; each file still gets its own fork.
    maxWorkers: 2,
    // `npm run coverage`: what the tests run of src/ in process (a spawned bin is not counted).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
