import { packageTestConfig } from '../../tooling/vitest.preset.ts';

export default packageTestConfig();
