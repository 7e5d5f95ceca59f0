import { packageTestConfig } from '@modelyard/tooling/vitest';

// src/cli.ts only connects runCli to the process; the tests run runCli itself.
export default packageTestConfig({ coverageExclude: ['src/cli.ts'] });
