import type { ModelRequirementsInput } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions } from '../options/selection-options';
import { compilePlan } from '../plan/selection-plan';
import { prepareModels } from '../prepared/prepared-models';
import { modelsArbitrary, requirementsArbitrary } from '../test-support/arbitraries';
import { localModel, remoteModel } from '../test-support/fixtures';
import { LISTING_VERDICTS_KEPT, listingSignature, listingVerdictsFor } from './listing-verdicts';
import { firstListingRejection } from './model-checks';

const options = resolveSelectionOptions();
const plan = (requirements: ModelRequirementsInput) => compilePlan(requirements, options);

const models = [
  remoteModel('a', { providerId: 'cloud', contextLength: 4096 }),
  remoteModel('b', { providerId: 'cloud', contextLength: 32_768 }),
  localModel('c', { contextLength: 8192 }),
  remoteModel('d', { providerId: 'other', contextLength: null }),
];

describe('listingVerdictsFor', () => {
  it('gives each model its first listing rejection and lists the passing ones in order', () => {
    const prepared = prepareModels(models);
    const verdicts = listingVerdictsFor(prepared, plan({ minContextLength: 8192, denyProviders: ['other'] }));
    expect(verdicts.codes).toEqual(['context_too_short', null, null, 'provider_denied']);
    expect([...verdicts.passing]).toEqual([1, 2]);
    expect(verdicts.prepared).toBe(prepared);
  });

  it('reuses the verdicts for a later plan with the same listing constraints, even if scoring differs', () => {
    const prepared = prepareModels(models);
    const first = listingVerdictsFor(prepared, plan({ minContextLength: 8192 }));
    const second = listingVerdictsFor(prepared, plan({ minContextLength: 8192, task: 'code_generation' }));
    expect(second).toBe(first);
    expect(prepared.listingVerdicts.size).toBe(1);
  });

  it('computes new verdicts when a listing constraint differs', () => {
    const prepared = prepareModels(models);
    const loose = listingVerdictsFor(prepared, plan({ minContextLength: 4096 }));
    const strict = listingVerdictsFor(prepared, plan({ minContextLength: 4097 }));
    expect(strict).not.toBe(loose);
    expect(loose.codes[0]).toBeNull();
    expect(strict.codes[0]).toBe('context_too_short');
  });

  it('remembers the verdicts on the plan for the rest of the call, per model list', () => {
    const prepared = prepareModels(models);
    const compiled = plan({ freeOnly: true });
    const verdicts = listingVerdictsFor(prepared, compiled);
    expect(compiled.listingVerdicts).toBe(verdicts);
    prepared.listingVerdicts.clear();
    expect(listingVerdictsFor(prepared, compiled)).toBe(verdicts);
    const other = prepareModels(models.slice(0, 2));
    const otherVerdicts = listingVerdictsFor(other, compiled);
    expect(otherVerdicts.prepared).toBe(other);
    expect(otherVerdicts.codes).toHaveLength(2);
  });

  it(`keeps the ${LISTING_VERDICTS_KEPT} most recently used signatures`, () => {
    const prepared = prepareModels(models);
    const byContext = (tokens: number) => plan({ minContextLength: tokens });
    const oldest = listingVerdictsFor(prepared, byContext(1));
    const second = listingVerdictsFor(prepared, byContext(2));
    for (let tokens = 3; tokens <= LISTING_VERDICTS_KEPT; tokens += 1) listingVerdictsFor(prepared, byContext(tokens));
    expect(prepared.listingVerdicts.size).toBe(LISTING_VERDICTS_KEPT);
    // Using the oldest makes it the most recent: the second is dropped by the next new one.
    expect(listingVerdictsFor(prepared, byContext(1))).toBe(oldest);
    listingVerdictsFor(prepared, byContext(LISTING_VERDICTS_KEPT + 1));
    expect(prepared.listingVerdicts.size).toBe(LISTING_VERDICTS_KEPT);
    expect(listingVerdictsFor(prepared, byContext(1))).toBe(oldest);
    expect(listingVerdictsFor(prepared, byContext(2))).not.toBe(second);
  });
});

describe('listingSignature', () => {
  it('ignores the order of allow/deny lists and what only scoring reads', () => {
    expect(
      listingSignature(plan({ denyProviders: ['x', 'y'], allowProviders: ['p', 'q'], task: 'summarization' })),
    ).toBe(listingSignature(plan({ denyProviders: ['y', 'x'], allowProviders: ['q', 'p'] })));
  });

  it('tells apart every listing constraint', () => {
    const variants: ModelRequirementsInput[] = [
      {},
      { denyModels: [{ providerId: 'cloud', modelId: 'a' }] },
      { denyProviders: ['cloud'] },
      { allowProviders: ['other'] },
      { allowProviders: ['cloud'] },
      { locality: 'local_only' },
      { locality: 'remote_only' },
      { freeOnly: true },
      { requiredCapabilities: ['vision'] },
      { minContextLength: 0 },
      { maxPricePerMillionTokens: { input: 0 } },
      { maxPricePerMillionTokens: { output: 0 } },
      { maxCostPerRequest: 0 },
      { maxCostPerRequest: 0, expectedInputTokens: 10 },
      { maxCostPerRequest: 0, expectedOutputTokens: 10 },
      { minQuality: 0 },
      { minQuality: 5 },
      { minSafety: 0 },
      { minSafety: 5 },
    ];
    const signatures = new Set(variants.map((requirements) => listingSignature(plan(requirements))));
    expect(signatures.size).toBe(variants.length);
  });
});

describe('listingVerdictsFor (properties)', () => {
  it('matches the listing checks run afresh, whatever plans came before', () => {
    fc.assert(
      fc.property(
        modelsArbitrary,
        fc.array(requirementsArbitrary, { minLength: 1, maxLength: 4 }),
        (list, requirementsList) => {
          const prepared = prepareModels(list);
          for (const requirements of requirementsList) {
            const compiled = plan(requirements);
            const verdicts = listingVerdictsFor(prepared, compiled);
            const fresh = list.map((_, index) => firstListingRejection(prepared, index, compiled));
            expect(verdicts.codes).toEqual(fresh);
            expect([...verdicts.passing]).toEqual(fresh.flatMap((code, index) => (code === null ? [index] : [])));
          }
        },
      ),
    );
  });
});
