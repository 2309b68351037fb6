import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { configDefaults, defineConfig } from 'vitest/config';

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

/**
 * Test files that change what other files would see in the same process: module mocks and spies
 * (vi.mock, vi.spyOn) and process.env. Each runs in a fresh process of its own. Every other file
 * shares its worker's loaded modules with the files before it (`isolate: false`): loading
 * Vitest and prepub's modules again for every file cost about a second of CPU a file, half
 * the CPU of the in-process tests. Those files leave no global state behind: they run commands in
 * temporary folders (runInProcess restores the working folder) and change no environment.
 */
const ISOLATED = [
  'test/cli-errors.test.ts',
  'test/io/fault-hook.test.ts',
  'test/render/sheet-model.test.ts',
  'test/signing/review.test.ts',
];
const INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on these 2-core
    // machines, which then runs every file one after another while the e2e tests wait on the
    // processes they spawn. Two workers keep both cores busy; each file still gets its own fork.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
    // `npm run coverage`: what the tests run of src/ in process (a spawned bin is not counted).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
