import { describe, expect, it } from 'vitest';
import { planEvictions, type ResidentModel } from './eviction-plan';

const model = (modelId: string, memoryBytes: number, lastUsed: number, isBusy = false): ResidentModel => ({
  modelId,
  memoryBytes,
  lastUsed,
  isBusy,
});

describe('planEvictions', () => {
  it('evicts nothing when the model fits', () => {
    expect(planEvictions([model('a', 10, 1)], 10, { maxLoadedModels: 2, maxMemoryBytes: 20 })).toEqual({
      outcome: 'fits',
      evict: [],
    });
    expect(planEvictions([], 20, { maxLoadedModels: 1, maxMemoryBytes: 20 })).toEqual({ outcome: 'fits', evict: [] });
  });

  it('refuses a model larger than the limit on its own (at, and just above, the limit)', () => {
    expect(planEvictions([], 21, { maxLoadedModels: 1, maxMemoryBytes: 20 })).toEqual({ outcome: 'too_large' });
    expect(planEvictions([model('a', 5, 1)], 20, { maxLoadedModels: 2, maxMemoryBytes: 20 })).toEqual({
      outcome: 'fits',
      evict: ['a'],
    });
  });

  it('evicts the least recently used models first, only as many as needed for the count', () => {
    const resident = [model('new', 1, 30), model('old', 1, 10), model('mid', 1, 20)];
    expect(planEvictions(resident, 1, { maxLoadedModels: 3, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['old'],
    });
    expect(planEvictions(resident, 1, { maxLoadedModels: 2, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['old', 'mid'],
    });
    expect(planEvictions(resident, 1, { maxLoadedModels: 4, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: [],
    });
  });

  it('evicts for memory until the new model fits, exactly at the limit included', () => {
    const resident = [model('a', 40, 1), model('b', 30, 2), model('c', 20, 3)];
    // 90 loaded + 20 = 110 > 100: dropping a (40) leaves 70 + 20 = 90.
    expect(planEvictions(resident, 20, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['a'],
    });
    // 90 + 10 = 100: fits exactly.
    expect(planEvictions(resident, 10, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: [],
    });
    // 90 + 11 = 101: one byte over.
    expect(planEvictions(resident, 11, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['a'],
    });
    // 90 + 80: dropping a and b leaves 20 + 80 = 100.
    expect(planEvictions(resident, 80, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['a', 'b'],
    });
    expect(planEvictions(resident, 81, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['a', 'b', 'c'],
    });
  });

  it('never evicts a busy model, and says so when only busy ones could make room', () => {
    const resident = [model('busy', 50, 1, true), model('idle', 10, 2)];
    expect(planEvictions(resident, 45, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({
      outcome: 'fits',
      evict: ['idle'],
    });
    expect(planEvictions(resident, 60, { maxLoadedModels: 9, maxMemoryBytes: 100 })).toEqual({ outcome: 'busy' });
    expect(planEvictions([model('busy', 1, 1, true)], 1, { maxLoadedModels: 1, maxMemoryBytes: 100 })).toEqual({
      outcome: 'busy',
    });
  });
});
