import { CAPABILITIES } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { capabilitiesMask, capabilityBit, capabilityMask } from './capability-mask';

describe('capability masks', () => {
  it('gives each capability its own bit, in vocabulary order', () => {
    expect(CAPABILITIES.map(capabilityBit)).toEqual(CAPABILITIES.map((_, index) => 2 ** index));
    expect(capabilitiesMask([])).toBe(0);
    expect(capabilitiesMask(['chat', 'tools'])).toBe(0b101);
  });

  it('counts long_context from a context length of 100,000 tokens or more', () => {
    const longContext = capabilityBit('long_context');
    expect(capabilityMask({ capabilities: ['chat'], contextLength: 99_999 })).toBe(1);
    expect(capabilityMask({ capabilities: ['chat'], contextLength: 100_000 })).toBe(1 | longContext);
    expect(capabilityMask({ capabilities: ['chat'], contextLength: 100_001 })).toBe(1 | longContext);
    expect(capabilityMask({ capabilities: ['long_context'], contextLength: null })).toBe(longContext);
    expect(capabilityMask({ capabilities: [], contextLength: null })).toBe(0);
  });
});
