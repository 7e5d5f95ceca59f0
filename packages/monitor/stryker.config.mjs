// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

export default packageMutation({
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/index.ts', '!src/test-support/**'],
  break: 90,
  typeCheck: true,
});
