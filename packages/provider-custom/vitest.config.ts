import { packageTestConfig } from '@modelyard/tooling/vitest';
import { mergeConfig } from 'vitest/config';

// Pact's consumer tests would report usage to Pact's servers; tests never reach the network.
export default mergeConfig(packageTestConfig(), { test: { env: { PACT_DO_NOT_TRACK: 'true' } } });
