import { packageTestConfig } from '@modelyard/tooling/vitest';
import { defineConfig, mergeConfig } from 'vitest/config';

export default mergeConfig(
  packageTestConfig({ testTimeout: 60_000, coverageThreshold: null }),
  defineConfig({ test: { exclude: ['src/local-provider.contract.test.ts'] } }),
);
