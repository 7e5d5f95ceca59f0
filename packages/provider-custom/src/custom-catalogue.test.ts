import { type ModelInfo, modelInfoSchema } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, it } from 'vitest';
import { createModelCatalogue } from './custom-catalogue';

function model(modelId: string): ModelInfo {
  return modelInfoSchema.parse({ providerId: 'my-server', modelId, providerKind: 'my-server', locality: 'remote' });
}

function setup(ttlMs: number) {
  const clock = createFakeClock({ now: 1_000 });
  const signals: (AbortSignal | undefined)[] = [];
  let generation = 0;
  const catalogue = createModelCatalogue({
    clock,
    ttlMs,
    load: async (signal) => {
      signals.push(signal);
      generation += 1;
      return [model(`model-${generation}`)];
    },
  });
  return { clock, catalogue, signals, loads: () => generation };
}

describe('createModelCatalogue', () => {
  it('loads once and serves the cached listing until the TTL is over', async () => {
    const { clock, catalogue, loads } = setup(300_000);
    expect(catalogue.lastKnown()).toBeUndefined();
    expect((await catalogue.list({}))[0]?.modelId).toBe('model-1');
    await clock.advance(299_999);
    expect((await catalogue.list({}))[0]?.modelId).toBe('model-1');
    expect(loads()).toBe(1);
    await clock.advance(1);
    expect((await catalogue.list({}))[0]?.modelId).toBe('model-2');
    expect(loads()).toBe(2);
  });

  it('loads again on refresh, whatever the TTL', async () => {
    const { catalogue, loads } = setup(300_000);
    await catalogue.list({});
    expect((await catalogue.list({ refresh: true }))[0]?.modelId).toBe('model-2');
    expect(loads()).toBe(2);
  });

  it('caches nothing with a TTL of 0', async () => {
    const { catalogue, loads } = setup(0);
    await catalogue.list({});
    await catalogue.list({});
    expect(loads()).toBe(2);
  });

  it('passes the signal to the loader', async () => {
    const { catalogue, signals } = setup(1000);
    const signal = new AbortController().signal;
    await catalogue.list({ signal });
    expect(signals).toEqual([signal]);
  });

  it('returns copies, so a caller cannot change the cache', async () => {
    const { catalogue } = setup(1000);
    (await catalogue.list({})).pop();
    expect(await catalogue.list({})).toHaveLength(1);
  });

  it('keeps the last listing for lookups, and forgets it on clear', async () => {
    const { clock, catalogue, loads } = setup(1000);
    await catalogue.list({});
    await clock.advance(5000);
    expect(catalogue.lastKnown()?.[0]?.modelId).toBe('model-1');
    catalogue.clear();
    expect(catalogue.lastKnown()).toBeUndefined();
    await catalogue.list({});
    expect(loads()).toBe(2);
  });

  it('keeps the old listing when a reload fails', async () => {
    const clock = createFakeClock();
    let fail = false;
    const catalogue = createModelCatalogue({
      clock,
      ttlMs: 10,
      load: async () => {
        if (fail) throw new Error('down');
        return [model('kept')];
      },
    });
    await catalogue.list({});
    fail = true;
    await expect(catalogue.list({ refresh: true })).rejects.toThrow('down');
    expect(catalogue.lastKnown()?.[0]?.modelId).toBe('kept');
  });
});
