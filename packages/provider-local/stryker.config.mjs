// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

// Stryker's vitest runner defaults to the threads pool, where loading node-llama-cpp's native addon
// in a second worker thread hangs (a beforeAll timed out); run mutants in forks, as the tests do.
const options = packageMutation();

export default { ...options, vitest: { ...options.vitest, pool: 'forks' } };
