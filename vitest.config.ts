import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The longest files first, so that neither worker is left running a long file alone at the end
 * (on a clean clone Vitest has no timings yet and starts the largest files first; the kill-safety
 * test is small but takes over a minute). The rest keep Vitest's own order.
 */
const LONGEST = [
  'test/e2e/crash.test.ts',
  'test/e2e/desk-loop.test.ts',
  'test/e2e/bin.test.ts',
  'test/e2e/hostile-input.test.ts',
  'test/e2e/interactive.test.ts',
  'test/e2e/desk-loop-tty.test.ts',
  'test/e2e/browser.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((l) => f.moduleId.endsWith(l));
      return i === -1 ? LONGEST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

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
    sequence: { sequencer: LongestFirst },
    // `npm run coverage`: what the tests run of src/ in process (a spawned bin is not counted).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
