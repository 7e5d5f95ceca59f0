import { describe, expect, it } from 'vitest';
import { findInvalidField, findInvalidIdentityField, REJECTED_FIELDS } from './sample-validation';
import { sampleOf } from './test-support/samples';

describe('findInvalidField', () => {
  it('accepts a full sample, and one whose figures are all unknown', () => {
    expect(findInvalidField(sampleOf())).toBeUndefined();
    expect(
      findInvalidField(
        sampleOf({
          outcome: 'timeout',
          latencyMs: 0,
          timeToFirstTokenMs: null,
          inputTokens: null,
          outputTokens: null,
          tokensPerSecond: null,
          costUsd: null,
          task: null,
          isStreaming: false,
        }),
      ),
    ).toBeUndefined();
  });

  it('accepts 0 wherever a figure is allowed, and any finite timestamp', () => {
    const zeros = sampleOf({
      timestamp: -5,
      latencyMs: 0,
      timeToFirstTokenMs: 0,
      inputTokens: 0,
      outputTokens: 0,
      tokensPerSecond: 0,
      costUsd: 0,
    });
    expect(findInvalidField(zeros)).toBeUndefined();
  });

  it.each([
    ['sample', null],
    ['sample', 'ok'],
    ['model', { ...sampleOf(), model: null }],
    ['model', { ...sampleOf(), model: 'openrouter/x' }],
    ['model.providerId', { ...sampleOf(), model: { providerId: 3, modelId: 'x' } }],
    ['model.modelId', { ...sampleOf(), model: { providerId: 'openrouter' } }],
    ['outcome', sampleOf({ outcome: 'failed' as never })],
    ['timestamp', sampleOf({ timestamp: Number.NaN })],
    ['timestamp', sampleOf({ timestamp: Number.POSITIVE_INFINITY })],
    ['timestamp', { ...sampleOf(), timestamp: '1700000000000' }],
    ['latencyMs', sampleOf({ latencyMs: -1 })],
    ['latencyMs', sampleOf({ latencyMs: -0.001 })],
    ['latencyMs', sampleOf({ latencyMs: Number.NaN })],
    ['latencyMs', sampleOf({ latencyMs: Number.POSITIVE_INFINITY })],
    ['latencyMs', { ...sampleOf(), latencyMs: null }],
    ['timeToFirstTokenMs', sampleOf({ timeToFirstTokenMs: -1 })],
    ['timeToFirstTokenMs', { ...sampleOf(), timeToFirstTokenMs: undefined }],
    ['inputTokens', sampleOf({ inputTokens: 1.5 })],
    ['inputTokens', sampleOf({ inputTokens: -1 })],
    ['inputTokens', sampleOf({ inputTokens: 2 ** 53 })],
    ['outputTokens', sampleOf({ outputTokens: Number.NaN })],
    ['tokensPerSecond', sampleOf({ tokensPerSecond: Number.POSITIVE_INFINITY })],
    ['tokensPerSecond', { ...sampleOf(), tokensPerSecond: '5' }],
    ['costUsd', sampleOf({ costUsd: -0.01 })],
    ['task', sampleOf({ task: '' })],
    ['task', { ...sampleOf(), task: 7 }],
    ['isStreaming', { ...sampleOf(), isStreaming: 'yes' }],
  ])('rejects %s for %j', (field, sample) => {
    expect(findInvalidField(sample)).toBe(field);
  });

  it('reports the first bad field in check order', () => {
    expect(findInvalidField(sampleOf({ latencyMs: -1, costUsd: -1 }))).toBe('latencyMs');
    expect(REJECTED_FIELDS.indexOf('latencyMs')).toBeLessThan(REJECTED_FIELDS.indexOf('costUsd'));
  });
});

describe('findInvalidIdentityField', () => {
  it('accepts ids with "/", ":" and any script', () => {
    expect(findInvalidIdentityField('openrouter', 'meta-llama/llama-3.1-8b-instruct:free')).toBeUndefined();
    expect(findInvalidIdentityField('lmstudio.gpu-box', 'qwen/千问:7b')).toBeUndefined();
  });

  it.each([
    ['model.providerId', 'OpenRouter', 'x'],
    ['model.providerId', 'open/router', 'x'],
    ['model.providerId', '', 'x'],
    ['model.modelId', 'openrouter', ''],
    ['model.modelId', 'openrouter', 'bad\uD800'],
  ])('rejects %s in (%j, %j)', (field, providerId, modelId) => {
    expect(findInvalidIdentityField(providerId, modelId)).toBe(field);
  });
});
