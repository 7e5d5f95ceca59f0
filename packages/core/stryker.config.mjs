// @ts-check
import { packageMutation } from '../../tooling/stryker.preset.mjs';

export default packageMutation();
