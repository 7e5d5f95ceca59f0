import { packageTestConfig } from '../../tooling/vitest.preset';

export default packageTestConfig();
