import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import type { Clock } from './clock';
import { MemoryStateStore } from './state-store';

function fakeClock(start = 1_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance(ms) {
      now += ms;
    },
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('MemoryStateStore', () => {
  it('gets what was set, undefined for a missing key', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    await store.set('breaker/openrouter/meta-llama/llama-3.1-8b-instruct:free', { state: 'open', failures: 3 });
    expect(await store.get('breaker/openrouter/meta-llama/llama-3.1-8b-instruct:free')).toEqual({
      state: 'open',
      failures: 3,
    });
    expect(await store.get('breaker/missing')).toBeUndefined();
  });

  it('overwrites a key and keeps falsy values', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    await store.set('k', 1);
    await store.set('k', 0);
    expect(await store.get('k')).toBe(0);
    await store.set('empty', '');
    expect(await store.get('empty')).toBe('');
    await store.set('nothing', null);
    expect(await store.get('nothing')).toBeNull();
  });

  it('deletes a key, and deleting a missing key is fine', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    await store.set('a', 1);
    await store.delete('a');
    await store.delete('never-set');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('lists keys by prefix, all keys without one, in insertion order', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    for (const key of ['listing/ollama', 'breaker/ollama/llama3.1:8b', 'listing/openrouter', 'listingx']) {
      await store.set(key, true);
    }
    expect(await store.keys('listing/')).toEqual(['listing/ollama', 'listing/openrouter']);
    expect(await store.keys()).toEqual([
      'listing/ollama',
      'breaker/ollama/llama3.1:8b',
      'listing/openrouter',
      'listingx',
    ]);
    expect(await store.keys('nothing/')).toEqual([]);
  });

  it('expires an entry exactly when its time to live is over', async () => {
    const clock = fakeClock(1_000);
    const store = new MemoryStateStore({ clock });
    await store.set('k', 'v', { ttlMs: 100 });
    clock.advance(99);
    expect(await store.get('k')).toBe('v');
    expect(await store.keys()).toEqual(['k']);
    clock.advance(1); // now === expiresAt: expired
    expect(await store.get('k')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('drops expired entries from keys() too', async () => {
    const clock = fakeClock();
    const store = new MemoryStateStore({ clock });
    await store.set('short', 1, { ttlMs: 10 });
    await store.set('long', 2, { ttlMs: 1_000 });
    await store.set('forever', 3);
    clock.advance(10);
    expect(await store.keys()).toEqual(['long', 'forever']);
    clock.advance(1_000_000);
    expect(await store.keys()).toEqual(['forever']);
    expect(await store.get('forever')).toBe(3);
  });

  it('a ttl of 0 expires at once', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    await store.set('k', 'v', { ttlMs: 0 });
    expect(await store.get('k')).toBeUndefined();
    expect(await store.keys()).toEqual([]);
  });

  it('setting a key again replaces its time to live', async () => {
    const clock = fakeClock();
    const store = new MemoryStateStore({ clock });
    await store.set('k', 1, { ttlMs: 10 });
    await store.set('k', 2);
    clock.advance(50);
    expect(await store.get('k')).toBe(2);
  });

  it.each([
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('rejects the ttl %s with a ConfigError naming ttlMs', async (ttlMs, received) => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    const error = await rejectionOf(store.set('k', 'v', { ttlMs }));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).message).toBe(
      `Invalid state store options:\n  - ttlMs: expected a number ≥ 0, received ${received}`,
    );
    expect(await store.get('k')).toBeUndefined();
  });

  it('accepts an infinite ttl', async () => {
    const clock = fakeClock();
    const store = new MemoryStateStore({ clock });
    await store.set('k', 'v', { ttlMs: Number.POSITIVE_INFINITY });
    clock.advance(Number.MAX_SAFE_INTEGER);
    expect(await store.get('k')).toBe('v');
  });

  it('stores values as given by default', async () => {
    const store = new MemoryStateStore({ clock: fakeClock() });
    const value = { failures: 1 };
    await store.set('k', value);
    expect(await store.get('k')).toBe(value);
  });

  it('with copyValues, stores and returns copies', async () => {
    const store = new MemoryStateStore({ clock: fakeClock(), copyValues: true });
    const value = { failures: 1, models: ['a'] };
    await store.set('k', value);
    value.failures = 99;
    const first = await store.get<typeof value>('k');
    expect(first).toEqual({ failures: 1, models: ['a'] });
    first?.models.push('b');
    expect(await store.get('k')).toEqual({ failures: 1, models: ['a'] });
    expect(await store.get('k')).not.toBe(await store.get('k'));
  });

  it('with copyValues, a value that is not JSON comes back as its JSON form', async () => {
    const store = new MemoryStateStore({ clock: fakeClock(), copyValues: true });
    await store.set('k', { at: new Date(0), skip: undefined });
    expect(await store.get('k')).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('uses the system clock by default', async () => {
    const store = new MemoryStateStore();
    await store.set('k', 'v', { ttlMs: 60_000 });
    expect(await store.get('k')).toBe('v');
    await store.set('gone', 'v', { ttlMs: 0 });
    expect(await store.get('gone')).toBeUndefined();
  });
});
