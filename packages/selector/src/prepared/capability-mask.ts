import { CAPABILITIES, type Capability, LONG_CONTEXT_TOKENS, type ModelInfo } from '@modelyard/core';

const BIT_BY_CAPABILITY: ReadonlyMap<string, number> = new Map(
  CAPABILITIES.map((capability, index) => [capability, 1 << index]),
);

/** The bit of one capability in a {@link capabilityMask}. */
export function capabilityBit(capability: Capability): number {
  return BIT_BY_CAPABILITY.get(capability) as number;
}

/** The bits of several capabilities. */
export function capabilitiesMask(capabilities: readonly Capability[]): number {
  let mask = 0;
  for (const capability of capabilities) mask |= capabilityBit(capability);
  return mask;
}

/**
 * A model's capabilities as bits. `long_context` also counts when the known context length
 * reaches {@link LONG_CONTEXT_TOKENS}, as core's vocabulary defines it.
 */
export function capabilityMask(model: Pick<ModelInfo, 'capabilities' | 'contextLength'>): number {
  const mask = capabilitiesMask(model.capabilities);
  const isLong = model.contextLength !== null && model.contextLength >= LONG_CONTEXT_TOKENS;
  return isLong ? mask | capabilityBit('long_context') : mask;
}
