import type { TokenCounts } from '@modelyard/core';
import type { PreparedModels } from './prepared-models';

function costPart(count: number | null, price: number): number {
  if (price === 0 || count === 0) return 0;
  return count === null ? Number.NaN : count * price;
}

/**
 * Cost of one request to model `index` in USD, `NaN` when unknown: core's `estimateCost` on the
 * effective prices (a free model costs 0), as plain arithmetic so that ranking allocates nothing.
 * A part is 0 when its price or its token count is 0, and unknown when either is unknown.
 */
export function requestCostAt(prepared: PreparedModels, index: number, tokens: TokenCounts): number {
  const input = costPart(tokens.inputTokens, prepared.inputPrice[index] as number);
  const output = costPart(tokens.outputTokens, prepared.outputPrice[index] as number);
  return input + output + (prepared.requestPrice[index] as number);
}
