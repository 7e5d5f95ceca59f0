import { ConfigError, isErrorOfKind } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { createFakeClock } from './fake-clock';
import { createMockProvider } from './mock-provider';

describe('createMockProvider', () => {
  test('lists its catalogue as ModelInfo with its id and kind; bare ids are remote chat models', async () => {
    const provider = createMockProvider({
      id: 'cloud-a',
      kind: 'fake-cloud',
      models: ['m/one:free', { modelId: 'local-two', locality: 'local', contextLength: 8_192, isFree: true }],
    });
    const models = await provider.listModels();
    expect(
      models.map((model) => [model.providerId, model.providerKind, model.modelId, model.locality, model.contextLength]),
    ).toEqual([
      ['cloud-a', 'fake-cloud', 'm/one:free', 'remote', null],
      ['cloud-a', 'fake-cloud', 'local-two', 'local', 8_192],
    ]);
    expect(models[0]?.capabilities).toEqual(['chat']);
    // Copies: changing a listed model does not change the catalogue.
    (models[0] as { contextLength: number | null }).contextLength = 5;
    expect((await provider.listModels())[0]?.contextLength).toBeNull();
  });

  test('defaults: id and kind "mock", streaming on, no pull, every generation option', () => {
    const provider = createMockProvider();
    expect([provider.id, provider.kind, provider.specificationVersion]).toEqual(['mock', 'mock', 'v1']);
    expect(provider.supports).toMatchObject({
      streaming: true,
      pull: false,
      loadUnload: false,
      tools: false,
      embeddings: false,
    });
    expect(provider.supports.generationOptions).toHaveLength(9);
    expect(provider.pullModel).toBeUndefined();
  });

  test('an invalid model definition is a ConfigError naming the field', () => {
    expect(() => createMockProvider({ models: [{ modelId: 'x', locality: 'remote', contextLength: 0 }] })).toThrow(
      ConfigError,
    );
    try {
      createMockProvider({ models: [{ modelId: 'x', locality: 'remote', contextLength: 0 }] });
    } catch (error) {
      expect((error as ConfigError).issues[0]?.path).toBe('contextLength');
    }
  });

  test('loadModel returns the same scripted model; unknown ids are not_found', async () => {
    const provider = createMockProvider({
      models: [{ modelId: 'a', locality: 'remote', script: [{ text: 'from a' }] }],
      defaultScript: [{ text: 'default' }],
    });
    const model = await provider.loadModel('a');
    expect(model).toBe(provider.model('a'));
    expect((await model.generate({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('from a');
    provider.addModel('b');
    expect((await provider.model('b').generate({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('default');
    await expect(provider.loadModel('zzz')).rejects.toMatchObject({
      kind: 'not_found',
      providerId: 'mock',
      modelId: 'zzz',
    });
    expect(() => provider.model('zzz')).toThrow(/no model "zzz"/);
    provider.removeModel('b');
    await expect(provider.unloadModel('b')).rejects.toMatchObject({ kind: 'not_found' });
  });

  test('records provider calls with the clock time', async () => {
    const clock = createFakeClock({ now: 42 });
    const provider = createMockProvider({ clock, models: ['a'] });
    await provider.listModels();
    await provider.loadModel('a');
    await provider.unloadModel('a');
    await provider.healthCheck();
    await provider.dispose();
    await provider.dispose();
    expect(provider.calls).toEqual([
      { method: 'listModels', at: 42 },
      { method: 'loadModel', modelId: 'a', at: 42 },
      { method: 'unloadModel', modelId: 'a', at: 42 },
      { method: 'healthCheck', at: 42 },
      { method: 'dispose', at: 42 },
    ]);
    expect(provider.isDisposed).toBe(true);
  });

  test('scripted listing and health failures, with latency on the clock', async () => {
    const clock = createFakeClock({ autoAdvance: true });
    const provider = createMockProvider({
      clock,
      models: ['a'],
      listFailure: { error: { kind: 'unavailable' }, latencyMs: 300 },
    });
    await expect(provider.listModels()).rejects.toMatchObject({
      kind: 'unavailable',
      providerId: 'mock',
      modelId: null,
      message: 'Scripted unavailable failure of mock',
    });
    expect(clock.now()).toBe(300);
    provider.setListFailure(null);
    expect(await provider.listModels()).toHaveLength(1);
    expect(await provider.healthCheck()).toMatchObject({ status: 'healthy', message: '1 models' });
    provider.setHealthFailure({ error: { kind: 'auth', message: 'bad key' } });
    expect(await provider.healthCheck()).toMatchObject({ status: 'unhealthy', errorKind: 'auth', message: 'bad key' });
  });

  test('after dispose, calls reject with "unavailable" and health is unhealthy; aborted signals reject', async () => {
    const provider = createMockProvider({ models: ['a'] });
    await expect(provider.listModels({ signal: AbortSignal.abort() })).rejects.toSatisfy((error) =>
      isErrorOfKind(error, 'aborted'),
    );
    await expect(provider.healthCheck({ signal: AbortSignal.abort() })).rejects.toSatisfy((error) =>
      isErrorOfKind(error, 'aborted'),
    );
    await provider.dispose();
    await expect(provider.listModels()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(provider.loadModel('a')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await provider.healthCheck()).toMatchObject({ status: 'unhealthy', errorKind: 'unavailable' });
  });

  test('with supports.pull, pullModel reports progress and adds the model', async () => {
    const provider = createMockProvider({ supports: { pull: true } });
    const statuses: string[] = [];
    await provider.pullModel?.('new-model', { onProgress: (progress) => statuses.push(progress.status) });
    expect(statuses).toEqual(['pulling manifest', 'downloading', 'success']);
    expect((await provider.listModels()).map((model) => model.modelId)).toEqual(['new-model']);
    expect(provider.calls.at(-2)).toMatchObject({ method: 'pullModel', modelId: 'new-model' });
  });
});
