// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

export default packageMutation();
