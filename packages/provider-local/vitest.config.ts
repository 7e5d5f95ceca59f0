import { packageTestConfig } from '@modelyard/tooling/vitest';

// Tests run real llama.cpp inference (starting it takes ~0.5 s); on a busy 2-core machine a test
// that loads several models can take seconds, so the per-test limit is generous.
export default packageTestConfig({ testTimeout: 60_000 });
