import { type Logger, MemoryStateStore, type StateStore } from '@modelyard/core';
import { createFakeClock } from '@modelyard/testkit';
import { describe, expect, it, vi } from 'vitest';
import { type BreakerPolicy, freshRecord, type HealthRecord } from './circuit-breaker';
import type { BreakerChangeEvent } from './fallback-events';
import { type BreakerTarget, createHealthRegistry } from './health-registry';

const policy: BreakerPolicy = {
  enabled: true,
  failureThreshold: 2,
  windowMs: 60_000,
  minimumSamples: 10,
  cooldownMs: 1_000,
  halfOpenProbes: 1,
  maxErrorRate: 0.5,
};
const model: BreakerTarget = { scope: 'model', key: 'p/org/a:free' };
const provider: BreakerTarget = { scope: 'provider', key: 'p' };
const noProbes = { model: null, provider: null };

function setup(options: { store?: StateStore; policy?: BreakerPolicy } = {}) {
  const clock = createFakeClock({ now: 50_000 });
  const store = options.store ?? new MemoryStateStore({ clock, copyValues: true });
  const events: BreakerChangeEvent[] = [];
  const logger: Logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const registry = createHealthRegistry({
    store,
    clock,
    policy: options.policy ?? policy,
    keyPrefix: 'fb/',
    logger,
    onChange: (event) => events.push(event),
  });
  return { clock, store, events, logger, registry };
}

describe('createHealthRegistry', () => {
  it('reads a fresh record for an unknown target and stores under <prefix><scope>/<key>', async () => {
    const { registry, store } = setup();
    expect(await registry.read(model)).toEqual(freshRecord());
    await registry.record(model, provider, 'failure', 'keep', noProbes);
    expect(await store.keys()).toEqual(['fb/model/p/org/a:free', 'fb/provider/p']);
    expect(await registry.read(model)).toMatchObject({ consecutiveFailures: 1, buckets: [[48_000, 1, 0]] }); // buckets of 6 s;
  });

  it('opens both breakers at the threshold and reports each change once', async () => {
    const { registry, events } = setup();
    expect(await registry.record(model, provider, 'failure', 'keep', noProbes)).toBe(true);
    expect(await registry.record(model, provider, 'failure', 'keep', noProbes)).toBe(false);
    expect(events).toEqual([
      { scope: 'model', key: 'p/org/a:free', from: 'closed', to: 'open', at: 50_000 },
      { scope: 'provider', key: 'p', from: 'closed', to: 'open', at: 50_000 },
    ]);
    expect(await registry.state(model)).toBe('open');
    expect(await registry.admit(model, provider)).toBeNull();
  });

  it('lets one probe through each half-open breaker after the cooldown, then closes on success', async () => {
    const { registry, events, clock } = setup();
    await registry.record(model, provider, 'failure', 'keep', noProbes);
    await registry.record(model, provider, 'failure', 'keep', noProbes);
    await clock.advance(999);
    expect(await registry.admit(model, provider)).toBeNull();
    await clock.advance(1);
    expect(await registry.state(model)).toBe('half-open');
    const probes = await registry.admit(model, provider);
    expect(probes).toEqual({ model: 51_000, provider: 51_000 });
    expect(await registry.admit(model, provider)).toBeNull();
    expect(await registry.record(model, provider, 'success', 'clear', probes ?? noProbes)).toBe(true);
    expect(events.slice(2)).toEqual([
      { scope: 'model', key: 'p/org/a:free', from: 'open', to: 'half-open', at: 51_000 },
      { scope: 'provider', key: 'p', from: 'open', to: 'half-open', at: 51_000 },
      { scope: 'model', key: 'p/org/a:free', from: 'half-open', to: 'closed', at: 51_000 },
      { scope: 'provider', key: 'p', from: 'half-open', to: 'closed', at: 51_000 },
    ]);
    expect(await registry.admit(model, provider)).toEqual(noProbes);
  });

  it('rejects when only the provider breaker is open, without taking the model’s probe', async () => {
    const { registry, store } = setup();
    const open: HealthRecord = { ...freshRecord(), state: 'open', openedAt: 50_000 };
    const halfOpen: HealthRecord = { ...freshRecord(), state: 'half-open' };
    await store.set('fb/provider/p', open);
    await store.set('fb/model/p/org/a:free', halfOpen);
    expect(await registry.admit(model, provider)).toBeNull();
    expect(await registry.read(model)).toEqual(halfOpen);
  });

  it('rejects when only the model breaker is open', async () => {
    const { registry, store } = setup();
    await store.set('fb/model/p/org/a:free', { ...freshRecord(), state: 'open', openedAt: 50_000 });
    expect(await registry.admit(model, provider)).toBeNull();
  });

  it('reports a provider breaker opened by this outcome as not admissible', async () => {
    const { registry, store } = setup();
    await store.set('fb/provider/p', { ...freshRecord(), consecutiveFailures: 1 });
    expect(await registry.record(model, provider, 'failure', 'keep', noProbes)).toBe(false);
    expect(await registry.state(model)).toBe('closed');
    expect(await registry.state(provider)).toBe('open');
  });

  it('a neutral outcome leaves the provider alone unless it held the provider’s probe', async () => {
    const { registry, store } = setup();
    await registry.record(model, provider, 'neutral', 'keep', noProbes);
    expect(await store.keys()).toEqual(['fb/model/p/org/a:free']);
    await store.set('fb/provider/p', { ...freshRecord(), state: 'half-open', probes: [49_000] });
    expect(await registry.record(model, provider, 'neutral', 'keep', { model: null, provider: 49_000 })).toBe(true);
    expect(await registry.read(provider)).toMatchObject({ state: 'half-open', probes: [] });
  });

  it('reports a half-open model whose probe slot is taken as not admissible', async () => {
    const { registry, store } = setup();
    await store.set('fb/model/p/org/a:free', { ...freshRecord(), state: 'half-open', probes: [49_900] });
    expect(await registry.record(model, provider, 'neutral', 'keep', noProbes)).toBe(false);
  });

  it('sets, extends, keeps and clears the exclusion window', async () => {
    const { registry } = setup();
    await registry.record(model, provider, 'failure', { until: 60_000 }, noProbes);
    expect((await registry.read(model)).excludedUntil).toBe(60_000);
    await registry.record(model, provider, 'failure', { until: 55_000 }, noProbes);
    expect((await registry.read(model)).excludedUntil).toBe(60_000);
    await registry.record(model, provider, 'neutral', { until: 70_000 }, noProbes);
    expect((await registry.read(model)).excludedUntil).toBe(70_000);
    await registry.record(model, provider, 'neutral', 'keep', noProbes);
    expect((await registry.read(model)).excludedUntil).toBe(70_000);
    await registry.record(model, provider, 'success', 'clear', noProbes);
    expect((await registry.read(model)).excludedUntil).toBeNull();
  });

  it('with breakers disabled, admits without reading and never opens', async () => {
    const get = vi.fn();
    const store = { get, set: vi.fn(), delete: vi.fn(), keys: vi.fn() } as unknown as StateStore;
    const { registry, events } = setup({ store, policy: { ...policy, enabled: false } });
    expect(await registry.admit(model, provider)).toEqual(noProbes);
    expect(get).not.toHaveBeenCalled();
    expect(await registry.record(model, provider, 'failure', 'keep', noProbes)).toBe(true);
    expect(await registry.record(model, provider, 'failure', 'keep', noProbes)).toBe(true);
    expect(events).toEqual([]);
  });

  it('a failing store never fails the caller: reads give a fresh record, writes are logged', async () => {
    const failing: StateStore = {
      get: () => Promise.reject(new Error('redis down')),
      set: () => Promise.reject(new Error('redis down')),
      delete: () => Promise.resolve(),
      keys: () => Promise.resolve([]),
    };
    const { registry, logger, events } = setup({ store: failing });
    expect(await registry.read(model)).toEqual(freshRecord());
    await registry.record(model, provider, 'failure', 'keep', noProbes);
    await registry.record(model, provider, 'failure', 'keep', noProbes);
    expect(events).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith('fallback: the state store failed to read; using a fresh breaker', {
      key: 'fb/model/p/org/a:free',
      error: expect.any(Error),
    });
    expect(logger.warn).toHaveBeenCalledWith('fallback: the state store failed to write', {
      key: 'fb/model/p/org/a:free',
      error: expect.any(Error),
    });
  });
});
