import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { remoteModel } from '../test-support/fixtures';
import { rankModels } from './rank-models';
import { selectModel } from './select-model';

describe('selectModel', () => {
  const good = remoteModel('good', { quality: { value: 9, source: 't' } });
  const fair = remoteModel('fair', { quality: { value: 5, source: 't' } });

  it('picks the first of the ranking, with its score', () => {
    // (0.3 × 0.9 + 0.3 × 1 + 0) / 0.8.
    expect(selectModel([fair, good])).toEqual({ model: good, score: expect.closeTo(0.7125, 12), rank: 1 });
    expect(selectModel([fair, good])).toEqual(rankModels([fair, good]).ranked[0]);
  });

  it('breaks a tie by identity, whatever the input order', () => {
    const twins = [remoteModel('b'), remoteModel('a', { providerId: 'zeta' }), remoteModel('a')];
    expect(selectModel(twins)?.model.modelId).toBe('a');
    expect(selectModel(twins)?.model.providerId).toBe('cloud');
    expect(selectModel([...twins].reverse())?.model).toBe(twins[2]);
  });

  it('keeps the first best when a later candidate only ties', () => {
    const first = remoteModel('a', { quality: { value: 7, source: 't' } });
    const later = remoteModel('b', { quality: { value: 7, source: 't' } });
    const worse = remoteModel('c', { quality: { value: 1, source: 't' } });
    expect(selectModel([first, worse, later])?.model).toBe(first);
    expect(selectModel([later, worse, first])?.model).toBe(first);
  });

  it('breaks a tie with the best so far, wherever it stands', () => {
    const low = remoteModel('low', { quality: { value: 1, source: 't' } });
    const highZ = remoteModel('z', { quality: { value: 9, source: 't' } });
    const highA = remoteModel('a', { quality: { value: 9, source: 't' } });
    expect(selectModel([low, highZ, highA])?.model).toBe(highA);
  });

  it('keeps the first of two listings of one model, as the ranking does', () => {
    const first = remoteModel('same');
    const again = remoteModel('same');
    expect(selectModel([first, again])?.model).toBe(first);
    expect(rankModels([first, again]).ranked[0]?.model).toBe(first);
  });

  it('selects nothing when nothing passes the filters', () => {
    expect(selectModel([good], { minQuality: 9.5 })).toBeUndefined();
    expect(selectModel([])).toBeUndefined();
    expect(selectModel([good], { minQuality: 9 })?.model).toBe(good);
  });

  it('checks requirements and options', () => {
    expect(() => selectModel([], { locality: 'nearby' } as never)).toThrow(ConfigError);
    expect(() => selectModel([], {}, { taskProfiles: 3 } as never)).toThrow(ConfigError);
  });
});
