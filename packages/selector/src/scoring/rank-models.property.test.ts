import type { ModelInfo } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterModels } from '../filters/filter-models';
import { modelArbitrary, modelsArbitrary, requirementsArbitrary } from '../test-support/arbitraries';
import { machine, stats, statsSource } from '../test-support/fixtures';
import { explainRanking } from './explain-ranking';
import { rankModels } from './rank-models';
import { selectModel } from './select-model';

const key = (model: ModelInfo) => `${model.providerId}/${model.modelId}`;
const optionsArbitrary = fc.record({
  hardware: fc.option(fc.constant(machine(8, 32)), { nil: undefined }),
  preferFree: fc.boolean(),
  withStats: fc.boolean(),
});

function optionsFor(
  models: ModelInfo[],
  choice: { hardware?: ReturnType<typeof machine>; preferFree: boolean; withStats: boolean },
) {
  const table = Object.fromEntries(
    models.map((model, index) => [
      key(model),
      stats({
        successRate: (index % 5) / 4,
        latencyMs: { p50: 100, p95: 200 + 97 * index },
        tokensPerSecond: 5 + index,
      }),
    ]),
  );
  return {
    hardware: choice.hardware,
    preferFree: choice.preferFree,
    stats: choice.withStats ? statsSource(table) : undefined,
  };
}

const ranksOf = (models: ModelInfo[], requirements: object, options: object) =>
  rankModels(models, requirements, options).ranked.map((entry) => key(entry.model));

describe('rankModels (properties)', () => {
  it('ranks a permutation of the accepted models, scores in 0–1, best first', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, optionsArbitrary, (models, requirements, choice) => {
        const options = optionsFor(models, choice);
        const { ranked } = rankModels(models, requirements, options);
        const accepted = filterModels(models, requirements, options).accepted;
        expect(ranked.map((entry) => entry.model).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
          [...accepted].sort((a, b) => key(a).localeCompare(key(b))),
        );
        expect(ranked.map((entry) => entry.rank)).toEqual(ranked.map((_, index) => index + 1));
        for (const [index, entry] of ranked.entries()) {
          expect(entry.score).toBeGreaterThanOrEqual(0);
          expect(entry.score).toBeLessThanOrEqual(1 + 1e-12);
          if (index > 0) expect(entry.score).toBeLessThanOrEqual(ranked[index - 1]?.score as number);
        }
      }),
    );
  });

  it('does not depend on the input order', () => {
    fc.assert(
      fc.property(
        modelsArbitrary.chain((models) =>
          fc.tuple(fc.constant(models), fc.shuffledSubarray(models, { minLength: models.length })),
        ),
        requirementsArbitrary,
        optionsArbitrary,
        ([models, shuffled], requirements, choice) => {
          const options = optionsFor(models, choice);
          expect(rankModels(shuffled, requirements, options).ranked).toEqual(
            rankModels(models, requirements, options).ranked,
          );
        },
      ),
    );
  });

  // Scoring inputs only: filters are not what these properties are about, and would mostly reject.
  const scoringRequirements = fc.record(
    {
      task: fc.constantFrom('general_chat', 'therapeutic_response', 'choice_generation'),
      locality: fc.constantFrom('any' as const, 'prefer_local' as const, 'prefer_remote' as const),
      expectedInputTokens: fc.integer({ min: 0, max: 10_000 }),
      expectedOutputTokens: fc.integer({ min: 0, max: 10_000 }),
    },
    { requiredKeys: [] },
  );

  // One model of known quality and price joins the generated ones, under its own identity.
  const subjectArbitrary = modelArbitrary.map((model) => ({
    ...model,
    providerId: 'subject',
    isFree: false,
    pricing: {
      inputPerToken: model.pricing.inputPerToken ?? 0.000_001,
      outputPerToken: model.pricing.outputPerToken ?? 0.000_002,
      perRequest: 0,
    },
    quality: model.quality ?? { value: 5, source: 'test' },
  }));

  it('never ranks a model lower for a higher quality score, all else equal', () => {
    fc.assert(
      fc.property(
        modelsArbitrary,
        subjectArbitrary,
        fc.integer({ min: 1, max: 100 }),
        scoringRequirements,
        (others, subject, raise, requirements) => {
          const before = ranksOf([...others, subject], requirements, {}).indexOf(key(subject));
          fc.pre(before !== -1);
          const value = Math.min(10, (subject.quality?.value ?? 0) + raise / 10);
          const better = { ...subject, quality: { value, source: 'raised' } };
          const after = ranksOf([...others, better], requirements, {}).indexOf(key(subject));
          expect(after).not.toBe(-1);
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
    );
  });

  it('never ranks a model lower for a lower price, all else equal', () => {
    fc.assert(
      fc.property(
        modelsArbitrary,
        subjectArbitrary,
        // Whole percents: subnormal prices would make the arithmetic crawl, not fail.
        fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100),
        scoringRequirements,
        (others, subject, factor, requirements) => {
          const before = ranksOf([...others, subject], requirements, {}).indexOf(key(subject));
          fc.pre(before !== -1);
          const pricing = {
            inputPerToken: (subject.pricing.inputPerToken as number) * factor,
            outputPerToken: (subject.pricing.outputPerToken as number) * factor,
            perRequest: 0,
          };
          const after = ranksOf([...others, { ...subject, pricing }], requirements, {}).indexOf(key(subject));
          expect(after).not.toBe(-1);
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
    );
  });

  it('explains every ranked model with contributions that add up to its score', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, optionsArbitrary, (models, requirements, choice) => {
        const options = optionsFor(models, choice);
        const explanation = explainRanking(models, requirements, options);
        expect(explanation.ranked.map(({ model, score, rank }) => ({ model, score, rank }))).toEqual(
          rankModels(models, requirements, options).ranked,
        );
        for (const entry of explanation.ranked) {
          const sum = entry.factors.reduce((total, factor) => total + factor.contribution, 0);
          expect(sum).toBeCloseTo(entry.score, 12);
          const shares = entry.factors.reduce((total, factor) => total + factor.share, 0);
          if (entry.factors.some((factor) => factor.share > 0)) expect(shares).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('selects the first of the ranking', () => {
    fc.assert(
      fc.property(modelsArbitrary, requirementsArbitrary, optionsArbitrary, (models, requirements, choice) => {
        const options = optionsFor(models, choice);
        expect(selectModel(models, requirements, options)).toEqual(rankModels(models, requirements, options).ranked[0]);
      }),
    );
  });
});
