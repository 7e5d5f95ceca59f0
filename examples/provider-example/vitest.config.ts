import { packageTestConfig } from '@modelyard/tooling/vitest';

export default packageTestConfig();
