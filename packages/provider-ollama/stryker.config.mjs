// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

// Measured 82.70% on 2026-11-21 (589 killed + 18 timeouts of 734 scored; 122 survivors, 5 without
// coverage — most in ollama-transport.ts, ollama-provider.ts, ollama-ndjson.ts, ollama-settings.ts).
// Issue 8 did not ask for a mutation score; the break sits just under the measured score so it
// cannot fall, until the survivors are killed and it can rise to the 90 of the other packages.
export default packageMutation({ break: 80 });
