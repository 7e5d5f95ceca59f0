// @ts-check
/**
 * The Stryker configuration every package shares. Stryker 10 in a pnpm workspace finds its
 * plugins only when they are listed explicitly. Dependencies must be built first: workspace
 * packages resolve to their `dist` (turbo's `mutation` task depends on `^build`).
 *
 * @param {{ mutate?: string[], break?: number, typeCheck?: boolean }} [options]
 *   `mutate`: globs of the files to mutate (default: every source file but tests and index);
 *   `break`: the score under which the run fails (default 90, the bar in our issues);
 *   `typeCheck`: run the TypeScript checker to drop mutants that do not compile (default true;
 *   about 4x slower, but the score then counts only mutants that could really ship).
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function packageMutation(options = {}) {
  const typeCheck = options.typeCheck ?? true;
  return {
    packageManager: 'pnpm',
    plugins: ['@stryker-mutator/vitest-runner', ...(typeCheck ? ['@stryker-mutator/typescript-checker'] : [])],
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.config.ts' },
    checkers: typeCheck ? ['typescript'] : [],
    tsconfigFile: 'tsconfig.json',
    mutate: options.mutate ?? ['src/**/*.ts', '!src/**/*.test.ts', '!src/index.ts', '!src/test-support/**'],
    coverageAnalysis: 'perTest',
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: 'reports/mutation/index.html' },
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    thresholds: { high: 95, low: 90, break: options.break ?? 90 },
    concurrency: 2,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  };
}
