import type { ModelInfo, ModelRequirementsInput } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions } from '../options/selection-options';
import { compilePlan } from '../plan/selection-plan';
import { prepareModels } from '../prepared/prepared-models';
import { localModel, remoteModel } from '../test-support/fixtures';
import {
  checkCapabilities,
  checkContext,
  checkCost,
  checkDeniedModel,
  checkFreeOnly,
  checkInputPrice,
  checkLocality,
  checkOutputPrice,
  checkProvider,
  checkQuality,
  checkSafety,
  firstListingRejection,
  LISTING_CHECKS,
  listingRejections,
} from './model-checks';

type Check = (typeof LISTING_CHECKS)[number];

function run(check: Check, model: ModelInfo, requirements: ModelRequirementsInput) {
  return check(prepareModels([model]), 0, compilePlan(requirements, resolveSelectionOptions()));
}

describe('identity checks', () => {
  const model = remoteModel('meta/llama:free', { providerId: 'openrouter' });

  it('denies a model by provider and id, both', () => {
    expect(
      run(checkDeniedModel, model, { denyModels: [{ providerId: 'openrouter', modelId: 'meta/llama:free' }] }),
    ).toBe('model_denied');
    expect(
      run(checkDeniedModel, model, { denyModels: [{ providerId: 'other', modelId: 'meta/llama:free' }] }),
    ).toBeNull();
    expect(
      run(checkDeniedModel, model, { denyModels: [{ providerId: 'openrouter', modelId: 'meta/llama' }] }),
    ).toBeNull();
    expect(run(checkDeniedModel, model, {})).toBeNull();
  });

  it('builds model keys only when some model is denied', () => {
    const prepared = prepareModels([model]);
    expect(checkDeniedModel(prepared, 0, compilePlan({}, resolveSelectionOptions()))).toBeNull();
    expect(prepared.modelKeys).toBeNull();
  });

  it('applies the provider deny and allow lists', () => {
    expect(run(checkProvider, model, { denyProviders: ['openrouter'] })).toBe('provider_denied');
    expect(run(checkProvider, model, { denyProviders: ['ollama'] })).toBeNull();
    expect(run(checkProvider, model, { allowProviders: ['ollama'] })).toBe('provider_not_allowed');
    expect(run(checkProvider, model, { allowProviders: ['ollama', 'openrouter'] })).toBeNull();
    expect(run(checkProvider, model, {})).toBeNull();
  });

  it('keeps local_only and remote_only; preferences never filter', () => {
    const local = localModel('llama3.1:8b');
    expect(run(checkLocality, model, { locality: 'local_only' })).toBe('locality_mismatch');
    expect(run(checkLocality, local, { locality: 'local_only' })).toBeNull();
    expect(run(checkLocality, local, { locality: 'remote_only' })).toBe('locality_mismatch');
    expect(run(checkLocality, model, { locality: 'remote_only' })).toBeNull();
    for (const locality of ['any', 'prefer_local', 'prefer_remote'] as const) {
      expect(run(checkLocality, model, { locality })).toBeNull();
      expect(run(checkLocality, local, { locality })).toBeNull();
    }
  });

  it('keeps only models reported free when freeOnly is set, prices aside', () => {
    const zeroPriced = remoteModel('zero', { pricing: { inputPerToken: 0, outputPerToken: 0, perRequest: 0 } });
    expect(run(checkFreeOnly, zeroPriced, { freeOnly: true })).toBe('not_free');
    expect(run(checkFreeOnly, remoteModel('x', { isFree: true }), { freeOnly: true })).toBeNull();
    expect(run(checkFreeOnly, zeroPriced, { freeOnly: false })).toBeNull();
  });
});

describe('capacity checks', () => {
  it('requires the context length: at passes, one token below fails, unknown fails only when required', () => {
    const model = remoteModel('x', { contextLength: 8192 });
    expect(run(checkContext, model, { minContextLength: 8191 })).toBeNull();
    expect(run(checkContext, model, { minContextLength: 8192 })).toBeNull();
    expect(run(checkContext, model, { minContextLength: 8193 })).toBe('context_too_short');
    expect(run(checkContext, model, {})).toBeNull();
    const unknown = remoteModel('y');
    expect(run(checkContext, unknown, {})).toBeNull();
    expect(run(checkContext, unknown, { minContextLength: 1 })).toBe('context_unknown');
    expect(run(checkContext, unknown, { minContextLength: 0 })).toBe('context_unknown');
  });

  it('requires every capability, long_context also from the context length', () => {
    const model = remoteModel('x', { capabilities: ['chat', 'tools'], contextLength: 128_000 });
    expect(run(checkCapabilities, model, { requiredCapabilities: [] })).toBeNull();
    expect(run(checkCapabilities, model, { requiredCapabilities: ['tools'] })).toBeNull();
    expect(run(checkCapabilities, model, { requiredCapabilities: ['chat', 'tools', 'long_context'] })).toBeNull();
    expect(run(checkCapabilities, model, { requiredCapabilities: ['tools', 'vision'] })).toBe('capability_missing');
    expect(run(checkCapabilities, remoteModel('y'), { requiredCapabilities: ['long_context'] })).toBe(
      'capability_missing',
    );
  });
});

describe('price and cost checks', () => {
  // $0.57 and $1.14 per million tokens: 5.7e-7 × 1e6 is 0.5700000000000001 in floating point.
  const model = remoteModel('x', { pricing: { inputPerToken: 5.7e-7, outputPerToken: 1.14e-6, perRequest: 0 } });

  it('caps the input price per million tokens: at passes, just above fails', () => {
    expect(5.7e-7 * 1e6).toBeGreaterThan(0.57);
    expect(run(checkInputPrice, model, { maxPricePerMillionTokens: { input: 0.57 } })).toBeNull();
    expect(run(checkInputPrice, model, { maxPricePerMillionTokens: { input: 0.58 } })).toBeNull();
    expect(run(checkInputPrice, model, { maxPricePerMillionTokens: { input: 0.569_999 } })).toBe(
      'input_price_above_cap',
    );
    expect(run(checkInputPrice, model, { maxPricePerMillionTokens: { output: 0 } })).toBeNull();
    expect(run(checkInputPrice, model, {})).toBeNull();
  });

  it('caps the output price per million tokens: at passes, just above fails', () => {
    expect(run(checkOutputPrice, model, { maxPricePerMillionTokens: { output: 1.14 } })).toBeNull();
    expect(run(checkOutputPrice, model, { maxPricePerMillionTokens: { output: 1.139_999 } })).toBe(
      'output_price_above_cap',
    );
    expect(run(checkOutputPrice, model, { maxPricePerMillionTokens: { input: 0 } })).toBeNull();
  });

  it('reads a cap of 0 as free only, and an unknown price as not free', () => {
    const zero = { maxPricePerMillionTokens: { input: 0, output: 0 } };
    expect(run(checkInputPrice, model, zero)).toBe('input_price_above_cap');
    expect(run(checkInputPrice, remoteModel('free', { isFree: true, pricing: {} }), zero)).toBeNull();
    expect(run(checkOutputPrice, remoteModel('zero'), zero)).toBeNull();
    const unknown = remoteModel('unknown', { pricing: {} });
    expect(run(checkInputPrice, unknown, { maxPricePerMillionTokens: { input: 1000 } })).toBe('input_price_unknown');
    expect(run(checkOutputPrice, unknown, { maxPricePerMillionTokens: { output: 1000 } })).toBe('output_price_unknown');
  });

  it('caps the cost of a request from the expected token counts: at passes, above fails', () => {
    const priced = remoteModel('p', { pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0.001 } });
    // 1,000 × 1e-6 + 500 × 2e-6 + 0.001 = 0.003.
    const expected = { expectedInputTokens: 1000, expectedOutputTokens: 500 };
    expect(run(checkCost, priced, { ...expected, maxCostPerRequest: 0.003 })).toBeNull();
    expect(run(checkCost, priced, { ...expected, maxCostPerRequest: 0.0031 })).toBeNull();
    expect(run(checkCost, priced, { ...expected, maxCostPerRequest: 0.0029 })).toBe('cost_above_cap');
    expect(run(checkCost, priced, expected)).toBeNull();
  });

  it('fails a cost cap when the cost is unknown: a missing count or price', () => {
    const priced = remoteModel('p', { pricing: { inputPerToken: 1e-6, outputPerToken: 2e-6, perRequest: 0 } });
    expect(run(checkCost, priced, { maxCostPerRequest: 1 })).toBe('cost_unknown');
    expect(run(checkCost, priced, { maxCostPerRequest: 1, expectedInputTokens: 10 })).toBe('cost_unknown');
    expect(
      run(checkCost, remoteModel('q', { pricing: {} }), {
        maxCostPerRequest: 1,
        expectedInputTokens: 0,
        expectedOutputTokens: 0,
      }),
    ).toBe('cost_unknown');
    expect(run(checkCost, remoteModel('f', { isFree: true, pricing: {} }), { maxCostPerRequest: 0 })).toBeNull();
  });
});

describe('score checks', () => {
  const scored = remoteModel('x', { quality: { value: 7, source: 't' }, safety: { value: 4, source: 't' } });

  it('requires a minimum quality: at passes, just below fails, unknown fails', () => {
    expect(run(checkQuality, scored, { minQuality: 6.9 })).toBeNull();
    expect(run(checkQuality, scored, { minQuality: 7 })).toBeNull();
    expect(run(checkQuality, scored, { minQuality: 7.1 })).toBe('quality_below_minimum');
    expect(run(checkQuality, remoteModel('y'), { minQuality: 0 })).toBe('quality_unknown');
    expect(run(checkQuality, remoteModel('y'), {})).toBeNull();
  });

  it('requires a minimum safety only when asked: at passes, just below fails, unknown fails', () => {
    expect(run(checkSafety, scored, { minSafety: 3.9 })).toBeNull();
    expect(run(checkSafety, scored, { minSafety: 4 })).toBeNull();
    expect(run(checkSafety, scored, { minSafety: 4.1 })).toBe('safety_below_minimum');
    expect(run(checkSafety, remoteModel('y'), { minSafety: 0 })).toBe('safety_unknown');
    expect(run(checkSafety, remoteModel('y'), { task: 'therapeutic_response' })).toBeNull();
  });
});

describe('listing checks together', () => {
  const model = remoteModel('x', { providerId: 'openrouter', capabilities: ['chat'], pricing: {} });
  const requirements: ModelRequirementsInput = {
    denyModels: [{ providerId: 'openrouter', modelId: 'x' }],
    allowProviders: ['ollama'],
    locality: 'local_only',
    freeOnly: true,
    requiredCapabilities: ['tools'],
    minContextLength: 10,
    maxPricePerMillionTokens: { input: 1, output: 1 },
    maxCostPerRequest: 1,
    minQuality: 1,
    minSafety: 1,
  };

  it('lists every broken constraint in order', () => {
    const plan = compilePlan(requirements, resolveSelectionOptions());
    expect(listingRejections(prepareModels([model]), 0, plan)).toEqual([
      'model_denied',
      'provider_not_allowed',
      'locality_mismatch',
      'not_free',
      'capability_missing',
      'context_unknown',
      'input_price_unknown',
      'output_price_unknown',
      'cost_unknown',
      'quality_unknown',
      'safety_unknown',
    ]);
    expect(LISTING_CHECKS).toHaveLength(11);
  });

  it('stops at the first one on the fast path, and each check alone is enough to reject', () => {
    const prepared = prepareModels([model]);
    const options = resolveSelectionOptions();
    expect(firstListingRejection(prepared, 0, compilePlan(requirements, options))).toBe('model_denied');
    const alone = listingRejections(prepared, 0, compilePlan(requirements, options));
    const single: ModelRequirementsInput[] = Object.entries(requirements).flatMap(([key, value]) =>
      key === 'maxPricePerMillionTokens'
        ? [{ maxPricePerMillionTokens: { input: 1 } }, { maxPricePerMillionTokens: { output: 1 } }]
        : [{ [key]: value }],
    );
    const seen = single.map((one) => firstListingRejection(prepared, 0, compilePlan(one, options)));
    expect(seen).toEqual(alone);
    expect(firstListingRejection(prepared, 0, compilePlan({}, options))).toBeNull();
  });
});
