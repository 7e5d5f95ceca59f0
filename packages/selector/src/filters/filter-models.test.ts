import { ConfigError, type ModelInfo } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { localModel, machine, remoteModel, stats, statsSource } from '../test-support/fixtures';
import { filterModels } from './filter-models';
import { REJECTION_CODES } from './rejection';

const key = (model: ModelInfo) => `${model.providerId}/${model.modelId}`;

describe('filterModels', () => {
  it('accepts everything without constraints, in input order', () => {
    const models = [remoteModel('b'), localModel('a'), remoteModel('c', { pricing: {} })];
    expect(filterModels(models)).toEqual({ accepted: models, rejected: [] });
    expect(filterModels([])).toEqual({ accepted: [], rejected: [] });
  });

  it('gives every reason of every rejected model, with a sentence each', () => {
    const unknownEverything = remoteModel('mystery', { providerId: 'openrouter', pricing: {} });
    const result = filterModels([unknownEverything], {
      allowProviders: ['ollama'],
      locality: 'local_only',
      freeOnly: true,
      requiredCapabilities: ['tools', 'vision'],
      minContextLength: 16_000,
      maxPricePerMillionTokens: { input: 0.5, output: 1.5 },
      maxCostPerRequest: 0.01,
      minQuality: 6,
      minSafety: 8,
    });
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([
      {
        model: unknownEverything,
        reasons: [
          { code: 'provider_not_allowed', message: 'Provider "openrouter" is not in allowProviders (ollama).' },
          {
            code: 'locality_mismatch',
            message: 'The model runs remotely; the request wants local models only.',
          },
          {
            code: 'not_free',
            message: 'The provider does not report the model free; the request wants free models only.',
          },
          { code: 'capability_missing', message: 'The model lacks required capabilities: tools, vision.' },
          {
            code: 'context_unknown',
            message: 'The context length is unknown; the request needs at least 16,000 tokens.',
          },
          {
            code: 'input_price_unknown',
            message:
              'The input price is unknown (unknown is not free); the request caps it at $0.5 per million tokens.',
          },
          {
            code: 'output_price_unknown',
            message:
              'The output price is unknown (unknown is not free); the request caps it at $1.5 per million tokens.',
          },
          {
            code: 'cost_unknown',
            message:
              'The cost per request is unknown (a price, or the expected token count it applies to, is missing); the request caps it at $0.01.',
          },
          { code: 'quality_unknown', message: 'The model has no quality score; the request needs at least 6.' },
          { code: 'safety_unknown', message: 'The model has no safety score; the request needs at least 8.' },
        ],
      },
    ]);
  });

  it('quotes the figures of models that break caps and minimums', () => {
    const known = remoteModel('known', {
      providerId: 'openrouter',
      contextLength: 8192,
      pricing: { inputPerToken: 3e-6, outputPerToken: 1.5e-5, perRequest: 0 },
      quality: { value: 5.5, source: 't' },
      safety: { value: 7, source: 't' },
    });
    const local = localModel('llama3.1:8b');
    const { rejected } = filterModels(
      [known, local],
      {
        denyProviders: ['ollama'],
        denyModels: [{ providerId: 'openrouter', modelId: 'known' }],
        locality: 'remote_only',
        minContextLength: 8193,
        maxPricePerMillionTokens: { input: 1, output: 10 },
        maxCostPerRequest: 0.004,
        expectedInputTokens: 1000,
        expectedOutputTokens: 100,
        minQuality: 5.6,
        minSafety: 7.5,
      },
      {},
    );
    expect(rejected.map((entry) => entry.reasons)).toEqual([
      [
        { code: 'model_denied', message: 'The model is in denyModels.' },
        {
          code: 'context_too_short',
          message: 'The context length of 8,192 tokens is below the required 8,193.',
        },
        {
          code: 'input_price_above_cap',
          message: 'The input price of $3 per million tokens is above the cap of $1.',
        },
        {
          code: 'output_price_above_cap',
          message: 'The output price of $15 per million tokens is above the cap of $10.',
        },
        {
          // 1,000 × 3e-6 + 100 × 1.5e-5 = 0.0045.
          code: 'cost_above_cap',
          message: 'The estimated cost of $0.0045 per request is above the cap of $0.004.',
        },
        { code: 'quality_below_minimum', message: 'The quality score of 5.5 is below the required 5.6.' },
        { code: 'safety_below_minimum', message: 'The safety score of 7 is below the required 7.5.' },
      ],
      [
        { code: 'provider_denied', message: 'Provider "ollama" is in denyProviders.' },
        { code: 'locality_mismatch', message: 'The model runs locally; the request wants remote models only.' },
        { code: 'context_unknown', message: 'The context length is unknown; the request needs at least 8,193 tokens.' },
        { code: 'quality_unknown', message: 'The model has no quality score; the request needs at least 5.6.' },
        { code: 'safety_unknown', message: 'The model has no safety score; the request needs at least 7.5.' },
      ],
    ]);
  });

  it('names only the missing capabilities, and every allowed provider', () => {
    const model = remoteModel('x', { capabilities: ['chat', 'tools'] });
    const { rejected } = filterModels([model], {
      requiredCapabilities: ['chat', 'vision', 'tools', 'audio'],
      allowProviders: ['ollama', 'lmstudio'],
    });
    expect(rejected[0]?.reasons).toEqual([
      { code: 'provider_not_allowed', message: 'Provider "cloud" is not in allowProviders (ollama, lmstudio).' },
      { code: 'capability_missing', message: 'The model lacks required capabilities: vision, audio.' },
    ]);
  });

  it('rejects on the measured p95 latency, quoting the figures it decided on', () => {
    const slow = remoteModel('slow');
    const fast = remoteModel('fast');
    const source = statsSource({
      'cloud/slow': stats({ latencyMs: { p50: 900, p95: 2500.5 } }),
      'cloud/fast': stats({ latencyMs: { p50: 300, p95: 800 } }),
    });
    const result = filterModels([slow, fast, remoteModel('unmeasured')], { maxLatencyMs: 2000 }, { stats: source });
    expect(result.accepted.map(key)).toEqual(['cloud/fast', 'cloud/unmeasured']);
    expect(result.rejected).toEqual([
      {
        model: slow,
        reasons: [
          {
            code: 'latency_above_cap',
            message: 'The measured p95 latency of 2,500.5 ms is above the cap of 2,000 ms.',
          },
        ],
      },
    ]);
    expect(source.calls).toBe(3);
  });

  it('reads stats again only for models the listing already rejected', () => {
    const source = statsSource({ 'cloud/slow': stats({ latencyMs: { p50: 1, p95: 5000 } }) });
    const result = filterModels(
      [remoteModel('slow', { pricing: {} })],
      { maxLatencyMs: 10, maxPricePerMillionTokens: { input: 1 } },
      { stats: source },
    );
    expect(result.rejected[0]?.reasons.map((reason) => reason.code)).toEqual([
      'input_price_unknown',
      'latency_above_cap',
    ]);
    expect(source.calls).toBe(1);
  });

  it('reads no stats for the reasons when the request has no latency cap', () => {
    const source = statsSource({ 'cloud/x': stats({ latencyMs: { p50: 1, p95: 5000 } }) });
    const result = filterModels([remoteModel('x', { pricing: {} })], { maxCostPerRequest: 1 }, { stats: source });
    expect(result.rejected[0]?.reasons.map((reason) => reason.code)).toEqual(['cost_unknown']);
    expect(source.calls).toBe(0);
  });

  it('rejects local models that fit nowhere on the given machine, and only then', () => {
    const huge = localModel('llama3.1:405b', { weights: { parameterCount: 4.05e11, quantization: 'Q4_K_M' } });
    const small = localModel('llama3.2:1b', { weights: { sizeBytes: 1.3e9, parameterCount: 1.2e9 } });
    const sizeless = localModel('mystery');
    const hardware = machine(8, 16);
    const result = filterModels([huge, small, sizeless], {}, { hardware });
    expect(result.accepted).toEqual([small, sizeless]);
    // 4.05e11 × 4.89 / 8 × 1.1 + 1.5 × √4.05e11 × 4096 = 276.2 GB = 257.3 GiB.
    expect(result.rejected[0]?.reasons).toEqual([
      {
        code: 'insufficient_memory',
        message:
          'The model needs about 257.3 GiB of memory at 4,096 tokens of context; this machine offers 8.0 GiB of GPU memory and 16.0 GiB of system memory.',
      },
    ]);
    expect(filterModels([huge], {}, {}).accepted).toEqual([huge]);
  });

  it('checks requirements and options', () => {
    expect(() => filterModels([], { minQuality: 11 })).toThrow(ConfigError);
    expect(() => filterModels([], {}, { preferFree: 1 } as never)).toThrow(ConfigError);
  });

  it('has a sentence for every code', () => {
    expect(REJECTION_CODES).toHaveLength(20);
  });
});
