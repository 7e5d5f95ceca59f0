import { type ModelProvider, ModelyardError, silentLogger } from '@modelyard/core';
import { createFakeClock, createMockProvider } from '@modelyard/testkit';
import { describe, expect, test, vi } from 'vitest';
import { createDiscovery, type ProviderReport } from './discovery';

function failingProvider(id: string, error: unknown): ModelProvider {
  const provider = createMockProvider({ id, models: ['x'] });
  return {
    ...provider,
    id,
    kind: provider.kind,
    supports: provider.supports,
    listModels: () => Promise.reject(error),
  } as ModelProvider;
}

describe('createDiscovery', () => {
  test('a failing provider is reported and left out; the others are listed', async () => {
    const clock = createFakeClock({ now: 1000 });
    const good = createMockProvider({ id: 'good', models: ['a', 'b'] });
    const bad = failingProvider('bad', new ModelyardError({ kind: 'unavailable', message: 'down', statusCode: 503 }));
    const discovery = createDiscovery({
      providers: [bad, good],
      clock,
      logger: silentLogger,
      cacheTtlMs: 0,
      timeoutMs: 1000,
    });
    const report = await discovery.current();
    expect(report.models.map((model) => model.modelId)).toEqual(['a', 'b']);
    expect(
      report.providers.map((entry) => [entry.providerId, entry.status, entry.modelCount, entry.error?.kind ?? null]),
    ).toEqual([
      ['bad', 'failed', 0, 'unavailable'],
      ['good', 'ok', 2, null],
    ]);
    expect(report.discoveredAt).toBe(1000);
  });

  test('a provider that throws something else, or returns no array, is failed too', async () => {
    const thrower = failingProvider('thrower', new TypeError('oops'));
    const liar = {
      ...createMockProvider({ id: 'liar' }),
      id: 'liar',
      listModels: async () => 'nope',
    } as unknown as ModelProvider;
    const discovery = createDiscovery({
      providers: [thrower, liar],
      clock: createFakeClock(),
      logger: silentLogger,
      cacheTtlMs: 0,
      timeoutMs: 1000,
    });
    const report = await discovery.current();
    expect(report.providers.map((entry) => [entry.status, entry.error?.kind])).toEqual([
      ['failed', 'unknown'],
      ['failed', 'unknown'],
    ]);
  });

  test('a provider that hangs is cut at the timeout', async () => {
    const hanging = {
      ...createMockProvider({ id: 'slow' }),
      id: 'slow',
      listModels: () => new Promise(() => {}),
    } as unknown as ModelProvider;
    const discovery = createDiscovery({
      providers: [hanging],
      clock: createFakeClock(),
      logger: silentLogger,
      cacheTtlMs: 0,
      timeoutMs: 20,
    });
    const report = await discovery.current();
    expect(report.providers[0]?.status).toBe('failed');
    expect(report.providers[0]?.error?.kind).toBe('timeout');
  });

  test('reports a provider once when it starts failing, again only after it answered in between', async () => {
    let isDown = true;
    const base = createMockProvider({ id: 'flaky', models: ['m'] });
    const flaky = {
      ...base,
      id: 'flaky',
      listModels: (options?: object) =>
        isDown
          ? Promise.reject(new ModelyardError({ kind: 'unavailable', message: 'down' }))
          : base.listModels(options),
    } as unknown as ModelProvider;
    const unavailable: ProviderReport[] = [];
    const warn = vi.fn();
    const discovery = createDiscovery({
      providers: [flaky],
      clock: createFakeClock(),
      logger: { ...silentLogger, warn },
      cacheTtlMs: 0,
      timeoutMs: 1000,
      onProviderUnavailable: (report) => unavailable.push(report),
    });
    await discovery.current();
    await discovery.current();
    expect(unavailable).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toBe('modelyard: provider flaky is unavailable: down');
    isDown = false;
    expect((await discovery.current()).models).toHaveLength(1);
    isDown = true;
    await discovery.current();
    expect(unavailable).toHaveLength(2);
  });

  test('caches for the TTL on the clock, shares a discovery in flight, refreshes on demand', async () => {
    const clock = createFakeClock({ now: 0 });
    const provider = createMockProvider({ id: 'p', models: ['m'] });
    const listModels = vi.spyOn(provider, 'listModels');
    const onDiscovery = vi.fn();
    const discovery = createDiscovery({
      providers: [provider],
      clock,
      logger: silentLogger,
      cacheTtlMs: 100,
      timeoutMs: 1000,
      onDiscovery,
    });
    const [first, second] = await Promise.all([discovery.current(), discovery.current()]);
    expect(first).toBe(second);
    expect(listModels).toHaveBeenCalledTimes(1);
    await clock.advance(99);
    expect(await discovery.current()).toBe(first);
    await clock.advance(1);
    expect(await discovery.current()).not.toBe(first);
    expect(listModels).toHaveBeenCalledTimes(2);
    await discovery.current({ refresh: true });
    expect(listModels).toHaveBeenLastCalledWith(expect.objectContaining({ refresh: true }));
    discovery.invalidate();
    await discovery.current();
    expect(listModels).toHaveBeenCalledTimes(4);
    expect(onDiscovery).toHaveBeenCalledTimes(4);
  });

  test('a hook that throws is logged, never fatal', async () => {
    const warn = vi.fn();
    const discovery = createDiscovery({
      providers: [failingProvider('bad', new Error('x'))],
      clock: createFakeClock(),
      logger: { ...silentLogger, warn },
      cacheTtlMs: 0,
      timeoutMs: 1000,
      onDiscovery: () => {
        throw new Error('hook');
      },
      onProviderUnavailable: () => {
        throw new Error('hook');
      },
    });
    await expect(discovery.current()).resolves.toBeDefined();
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      'modelyard: provider bad is unavailable: x',
      'modelyard: the onProviderUnavailable hook threw',
      'modelyard: the onDiscovery hook threw',
    ]);
  });
  test("one caller's abort ends its own wait, not the shared listing", async () => {
    let release: (() => void) | undefined;
    const base = createMockProvider({ id: 'slow', models: ['m'] });
    const slow = {
      ...base,
      id: 'slow',
      listModels: (options?: object) =>
        new Promise<void>((resolve) => {
          release = resolve;
        }).then(() => base.listModels(options)),
    } as unknown as ModelProvider;
    const discovery = createDiscovery({
      providers: [slow],
      clock: createFakeClock(),
      logger: silentLogger,
      cacheTtlMs: 1000,
      timeoutMs: 1000,
    });
    const controller = new AbortController();
    const abandoned = discovery.current({ signal: controller.signal });
    const patient = discovery.current();
    controller.abort();
    await expect(abandoned).rejects.toMatchObject({ kind: 'aborted' });
    release?.();
    const report = await patient;
    expect(report.providers[0]?.status).toBe('ok');
    await expect(discovery.current({ signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(await discovery.current({ signal: new AbortController().signal })).toBe(report);
  });
  test('models listed under another provider id are left out, with a warning', async () => {
    const base = createMockProvider({ id: 'honest', models: ['a'] });
    const [model] = await base.listModels();
    const confused = { ...base, id: 'confused', listModels: async () => [model] } as unknown as ModelProvider;
    const warn = vi.fn();
    const discovery = createDiscovery({
      providers: [confused],
      clock: createFakeClock(),
      logger: { ...silentLogger, warn },
      cacheTtlMs: 0,
      timeoutMs: 1000,
    });
    const report = await discovery.current();
    expect(report.models).toEqual([]);
    expect(report.providers[0]).toMatchObject({ status: 'ok', modelCount: 0 });
    expect(warn.mock.calls[0]?.[0]).toBe(
      'modelyard: provider confused listed models under another provider id; left out',
    );
  });
});
