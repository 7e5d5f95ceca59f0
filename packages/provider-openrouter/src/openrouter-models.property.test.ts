import { modelInfoSchema } from '@modelyard/core';
import { formatPriceString } from '@modelyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openRouterModelSchema } from './openrouter-api';
import { filterModels, openRouterModelToInfo } from './openrouter-models';

const countArbitrary = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 2_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
);
const priceArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.constant('-1'),
  fc.string(),
  fc.double({ min: 0, max: 0.01, noNaN: true }).map(formatPriceString),
);
const modalityArbitrary = fc.array(fc.constantFrom('text', 'image', 'audio', 'video', 'file', 'embedding', 'smell'));

// Entries shaped like OpenRouter's, with every field free to be absent, odd or contradictory.
const entryArbitrary = fc
  .record(
    {
      id: fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('vendor/model:free', 'vendor/model')),
      name: fc.option(fc.string(), { nil: null }),
      description: fc.option(fc.string(), { nil: null }),
      context_length: countArbitrary,
      architecture: fc.record({ input_modalities: modalityArbitrary, output_modalities: modalityArbitrary }),
      pricing: fc.record({ prompt: priceArbitrary, completion: priceArbitrary, request: priceArbitrary }),
      top_provider: fc.record({ context_length: countArbitrary, max_completion_tokens: countArbitrary }),
      supported_parameters: fc.array(
        fc.constantFrom('tools', 'response_format', 'structured_outputs', 'reasoning', 'temperature'),
      ),
    },
    { requiredKeys: ['id'] },
  )
  .map((entry) => openRouterModelSchema.parse(entry));

describe('openRouterModelToInfo (properties)', () => {
  it('always yields a valid ModelInfo: free never priced, output within the window, no repeated capability', () => {
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const info = openRouterModelToInfo(entry, 'openrouter');
        expect(modelInfoSchema.safeParse(info).success).toBe(true);
        if (info.isFree) {
          for (const price of Object.values(info.pricing)) expect(price === null || price === 0).toBe(true);
        }
        if (info.contextLength !== null && info.maxOutputTokens !== null) {
          expect(info.maxOutputTokens).toBeLessThanOrEqual(info.contextLength);
        }
        expect(new Set(info.capabilities).size).toBe(info.capabilities.length);
      }),
    );
  });
});

describe('filterModels (properties)', () => {
  const catalogueArbitrary = fc
    .uniqueArray(entryArbitrary, { selector: (entry) => entry.id, maxLength: 12 })
    .map((entries) => entries.map((entry) => openRouterModelToInfo(entry, 'openrouter')));
  const capArbitrary = fc.option(fc.double({ min: 0, max: 0.01, noNaN: true }), { nil: undefined });

  it('keeps a subsequence of the listing, in order', () => {
    fc.assert(
      fc.property(catalogueArbitrary, fc.boolean(), capArbitrary, capArbitrary, (models, freeOnly, input, output) => {
        const kept = filterModels(models, {
          freeOnly,
          ...(input === undefined ? {} : { maxInputPricePerToken: input }),
          ...(output === undefined ? {} : { maxOutputPricePerToken: output }),
        });
        let cursor = 0;
        for (const model of kept) {
          cursor = models.indexOf(model, cursor) + 1;
          expect(cursor).toBeGreaterThan(0);
        }
        if (freeOnly) expect(kept.every((model) => model.isFree)).toBe(true);
      }),
    );
  });

  it('is monotonic in the cap: a higher cap never keeps fewer models', () => {
    fc.assert(
      fc.property(catalogueArbitrary, capArbitrary, capArbitrary, (models, first, second) => {
        const low = Math.min(first ?? 0, second ?? 0);
        const high = Math.max(first ?? 0, second ?? 0);
        const underLow = filterModels(models, { maxInputPricePerToken: low, maxOutputPricePerToken: low });
        const underHigh = filterModels(models, { maxInputPricePerToken: high, maxOutputPricePerToken: high });
        for (const model of underLow) expect(underHigh).toContain(model);
      }),
    );
  });
});
