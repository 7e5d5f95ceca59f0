import { ConfigError, ModelyardError } from '@modelyard/core';
import { createMockLanguageModel, createMockProvider } from '@modelyard/testkit';
import { describe, expect, it } from 'vitest';
import { type Candidate, resolveCandidates } from './candidate';
import { infoOf } from './test-support/harness';

const alpha = createMockLanguageModel({ identity: { providerId: 'p1', modelId: 'org/alpha:free' } });

function configMessage(candidates: unknown): string {
  try {
    resolveCandidates(candidates as Candidate[]);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveCandidates', () => {
  it('takes a bare LanguageModel, keyed by provider and model id', async () => {
    const [candidate] = resolveCandidates([alpha]);
    expect(candidate).toMatchObject({
      identity: { providerId: 'p1', modelId: 'org/alpha:free' },
      key: 'p1/org/alpha:free',
      rank: 0,
      info: null,
    });
    expect(await candidate?.load(undefined)).toBe(alpha);
  });

  it('takes { model, info } and keeps the info', async () => {
    const info = infoOf('p1/org/alpha:free', { contextLength: 8_192 });
    const beta = createMockLanguageModel({ identity: { providerId: 'p2', modelId: 'beta' } });
    const resolved = resolveCandidates([{ model: alpha, info }, { model: beta }]);
    expect(resolved.map((candidate) => [candidate.key, candidate.rank, candidate.info])).toEqual([
      ['p1/org/alpha:free', 0, info],
      ['p2/beta', 1, null],
    ]);
    expect(await resolved[1]?.load(undefined)).toBe(beta);
  });

  it('loads { provider, modelId } lazily, once, with the attempt signal', async () => {
    const provider = createMockProvider({ id: 'local', models: ['llama3.1:8b'] });
    const [candidate] = resolveCandidates([{ provider, modelId: 'llama3.1:8b' }]);
    expect(candidate?.key).toBe('local/llama3.1:8b');
    expect(provider.calls).toEqual([]);
    const signal = new AbortController().signal;
    const model = await candidate?.load(signal);
    await candidate?.load(undefined);
    expect(model).toBe(provider.model('llama3.1:8b'));
    expect(provider.calls.map((call) => call.method)).toEqual(['loadModel']);
  });

  it('passes the signal to loadModel, and loads again after a failed load', async () => {
    const provider = createMockProvider({ id: 'local', models: ['a'] });
    const seen: unknown[] = [];
    let failures = 1;
    const loadModel = provider.loadModel.bind(provider);
    provider.loadModel = async (modelId, options) => {
      seen.push(options);
      if (failures-- > 0) throw new ModelyardError({ kind: 'unavailable', message: 'loading failed' });
      return loadModel(modelId, options);
    };
    const [candidate] = resolveCandidates([{ provider, modelId: 'a' }]);
    const signal = new AbortController().signal;
    await expect(candidate?.load(signal)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(candidate?.load(undefined)).resolves.toBe(provider.model('a'));
    expect(seen).toEqual([{ signal }, {}]);
  });

  it('accepts an empty list', () => {
    expect(resolveCandidates([])).toEqual([]);
  });

  it('names every bad entry', () => {
    expect(
      configMessage([
        null,
        { model: 5 },
        { provider: {}, modelId: '' },
        { provider: { id: 'x', loadModel: () => null } },
        'gpt',
      ]),
    ).toBe(
      [
        'Invalid fallback candidates:',
        '  - candidates[0]: expected a LanguageModel, { model, info? } or { provider, modelId, info? }, received null',
        '  - candidates[1].model: expected a LanguageModel, received 5',
        '  - candidates[2].provider: expected a ModelProvider, received an object',
        '  - candidates[2].modelId: expected a model id, received ""',
        '  - candidates[3].modelId: expected a model id, received nothing (undefined)',
        '  - candidates[4]: expected a LanguageModel, { model, info? } or { provider, modelId, info? }, received "gpt"',
      ].join('\n'),
    );
  });

  it('a model needs both generate and stream; a provider candidate is judged field by field', () => {
    const identity = { providerId: 'p1', modelId: 'half' };
    expect(
      configMessage([
        { identity, generate() {} },
        { identity, stream() {} },
      ]),
    ).toBe(
      [
        'Invalid fallback candidates:',
        '  - candidates[0]: expected a LanguageModel, { model, info? } or { provider, modelId, info? }, received an object',
        '  - candidates[1]: expected a LanguageModel, { model, info? } or { provider, modelId, info? }, received an object',
      ].join('\n'),
    );
    expect(configMessage([{ provider: {}, modelId: 'fine' }])).toBe(
      'Invalid fallback candidates:\n  - candidates[0].provider: expected a ModelProvider, received an object',
    );
  });

  it('rejects a list that is not an array', () => {
    expect(configMessage({ 0: alpha })).toBe(
      'Invalid fallback candidates:\n  - candidates: expected an array, received an object',
    );
  });

  it('rejects info that describes another model', () => {
    expect(configMessage([{ model: alpha, info: infoOf('p1/beta') }])).toBe(
      'Invalid fallback candidates:\n  - candidates[0].info: expected the ModelInfo of p1/org/alpha:free, received "p1/beta"',
    );
    expect(configMessage([{ model: alpha, info: infoOf('p9/org/alpha:free') }])).toContain(
      'received "p9/org/alpha:free"',
    );
    expect(configMessage([{ model: alpha, info: 'big' }])).toContain(
      'candidates[0].info: expected the ModelInfo of p1/org/alpha:free, received "big"',
    );
  });

  it('rejects a model listed twice, however it is given', () => {
    const provider = createMockProvider({ id: 'p1', models: ['org/alpha:free'] });
    expect(configMessage([alpha, { provider, modelId: 'org/alpha:free' }])).toBe(
      'Invalid fallback candidates:\n  - candidates[1]: expected a model not listed before, received "p1/org/alpha:free"',
    );
  });
});
