import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEvictions, type ResidentModel } from './eviction-plan';

const residents = fc.uniqueArray(
  fc.record({
    modelId: fc.string({ minLength: 1, maxLength: 6 }),
    memoryBytes: fc.integer({ min: 0, max: 100 }),
    lastUsed: fc.integer({ min: 0, max: 1000 }),
    isBusy: fc.boolean(),
  }),
  { selector: (model) => model.modelId, maxLength: 8 },
);
const limits = fc.record({
  maxLoadedModels: fc.integer({ min: 1, max: 6 }),
  maxMemoryBytes: fc.integer({ min: 0, max: 400 }),
});

describe('planEvictions properties', () => {
  it('after the evictions, the new model fits both limits; only idle models are evicted, oldest first', () => {
    fc.assert(
      fc.property(residents, fc.integer({ min: 0, max: 200 }), limits, (resident, incoming, limit) => {
        const plan = planEvictions(resident, incoming, limit);
        if (plan.outcome !== 'fits') return;
        const kept = resident.filter((model) => !plan.evict.includes(model.modelId));
        expect(kept.length + 1).toBeLessThanOrEqual(limit.maxLoadedModels);
        expect(kept.reduce((sum, model) => sum + model.memoryBytes, 0) + incoming).toBeLessThanOrEqual(
          limit.maxMemoryBytes,
        );
        const evicted = plan.evict.map((id) => resident.find((model) => model.modelId === id) as ResidentModel);
        expect(evicted.every((model) => !model.isBusy)).toBe(true);
        const idleKept = kept.filter((model) => !model.isBusy);
        for (const gone of evicted)
          for (const stays of idleKept) expect(gone.lastUsed).toBeLessThanOrEqual(stays.lastUsed);
      }),
    );
  });

  it('evicts no more than needed: keeping the last evicted model would break a limit', () => {
    fc.assert(
      fc.property(residents, fc.integer({ min: 0, max: 200 }), limits, (resident, incoming, limit) => {
        const plan = planEvictions(resident, incoming, limit);
        if (plan.outcome !== 'fits' || plan.evict.length === 0) return;
        const spared = plan.evict.slice(0, -1);
        const kept = resident.filter((model) => !spared.includes(model.modelId));
        const fits =
          kept.length + 1 <= limit.maxLoadedModels &&
          kept.reduce((sum, model) => sum + model.memoryBytes, 0) + incoming <= limit.maxMemoryBytes;
        expect(fits).toBe(false);
      }),
    );
  });

  it('says too_large exactly when the model alone exceeds the memory limit, and busy only when busy models block', () => {
    fc.assert(
      fc.property(residents, fc.integer({ min: 0, max: 200 }), limits, (resident, incoming, limit) => {
        const plan = planEvictions(resident, incoming, limit);
        expect(plan.outcome === 'too_large').toBe(incoming > limit.maxMemoryBytes);
        if (plan.outcome === 'busy') expect(resident.some((model) => model.isBusy)).toBe(true);
      }),
    );
  });
});
