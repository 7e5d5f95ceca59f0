import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Options a package may pass to {@link packageTestConfig}. */
export interface PackageTestOptions {
  /**
   * Coverage floor in percent for lines, branches, functions and statements.
   * 80 for every package that holds logic; a package of types only may pass `null`
   * to measure without enforcing.
   */
  coverageThreshold?: number | null;
  /** Source files excluded from coverage beyond the defaults (types-only files, CLI shims). */
  coverageExclude?: string[];
  /**
   * Per-test timeout in milliseconds. Defaults to 30,000: a guard against hangs, not a speed
   * target (property tests on a loaded 2-core CI machine can take several seconds).
   */
  testTimeout?: number;
}

/**
 * The vitest configuration every package shares: tests beside the code (`src/**\/*.test.ts`),
 * the `forks` pool (node-llama-cpp fails under `vmThreads`), Pact's telemetry off, v8 coverage with enforced
 * thresholds, and a JSON report in `test-results/` that `scripts/bootstrap.mjs` sums up.
 */
export function packageTestConfig(options: PackageTestOptions = {}): ViteUserConfig {
  const threshold = options.coverageThreshold === undefined ? 80 : options.coverageThreshold;
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      pool: 'forks',
      // Pact would report usage to its servers; tests never reach the network.
      env: { PACT_DO_NOT_TRACK: 'true' },
      testTimeout: options.testTimeout ?? 30_000,
      reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
      coverage: {
        provider: 'v8',
        include: ['src/**/*.ts'],
        exclude: ['src/**/*.test.ts', 'src/test-support/**', ...(options.coverageExclude ?? [])],
        reporter: ['text-summary', 'json-summary'],
        reportsDirectory: 'coverage',
        thresholds:
          threshold === null
            ? undefined
            : { lines: threshold, branches: threshold, functions: threshold, statements: threshold },
      },
    },
  });
}
