// @ts-check
import { packageMutation } from '@modelyard/tooling/stryker';

// Measured 78.34% on 2026-11-21 (557 killed + 18 timeouts of 734 scored; 153 survivors, 6 without
// coverage — most in ollama-error.ts, ollama-ndjson.ts, ollama-transport.ts, ollama-provider.ts).
// Issue 8 did not ask for a mutation score; the break sits just under the measured score so it
// cannot fall, until the survivors are killed and it can rise to the 90 of the other packages.
export default packageMutation({ break: 75 });
