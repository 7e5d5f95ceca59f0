// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

export default { ...packageMutation(), vitest: { configFile: 'vitest.mutation.config.ts', pool: 'forks' } };
