import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENERATION_OPTIONS, type GenerateRequest } from '../generation/request';
import { generateRequestArbitrary, generationOptionNamesArbitrary } from '../test-support/arbitraries';
import {
  healthStatusSchema,
  type ProviderSupports,
  providerSupportsSchema,
  SPECIFICATION_VERSION,
  unsupportedGenerationOptions,
} from './provider';

const manifest: ProviderSupports = {
  streaming: true,
  pull: false,
  loadUnload: false,
  tools: false,
  embeddings: false,
  generationOptions: ['maxOutputTokens', 'temperature', 'stop'],
};
const hello: GenerateRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('spec version and option names', () => {
  it('is v1, and names nine generation options', () => {
    expect(SPECIFICATION_VERSION).toBe('v1');
    expect(GENERATION_OPTIONS).toHaveLength(9);
  });
});

describe('providerSupportsSchema', () => {
  it('accepts a complete manifest', () => {
    expect(providerSupportsSchema.parse(manifest)).toEqual(manifest);
  });

  it('requires every flag: a manifest has no defaults to hide behind', () => {
    const { pull: _pull, ...withoutPull } = manifest;
    expect(providerSupportsSchema.safeParse(withoutPull).success).toBe(false);
  });

  it('rejects unknown flags and unknown option names', () => {
    expect(providerSupportsSchema.safeParse({ ...manifest, vision: true }).success).toBe(false);
    expect(providerSupportsSchema.safeParse({ ...manifest, generationOptions: ['max_tokens'] }).success).toBe(false);
  });
});

describe('healthStatusSchema', () => {
  it('accepts a healthy check with nothing optional, and an unhealthy one with its error kind', () => {
    const healthy = { status: 'healthy', latencyMs: 0, checkedAt: 1_700_000_000_000 };
    expect(healthStatusSchema.parse(healthy)).toStrictEqual(healthy);
    const unhealthy = {
      status: 'unhealthy',
      latencyMs: 5000,
      checkedAt: 1_700_000_000_000,
      message: 'connect ECONNREFUSED',
      errorKind: 'unavailable',
    };
    expect(healthStatusSchema.parse(unhealthy)).toStrictEqual(unhealthy);
  });

  it('rejects an unknown status, a negative latency and an unknown error kind', () => {
    const base = { status: 'healthy', latencyMs: 1, checkedAt: 0 };
    expect(healthStatusSchema.safeParse({ ...base, status: 'ok' }).success).toBe(false);
    expect(healthStatusSchema.safeParse({ ...base, latencyMs: -1 }).success).toBe(false);
    expect(healthStatusSchema.safeParse({ ...base, errorKind: 'network' }).success).toBe(false);
    expect(healthStatusSchema.safeParse({ ...base, checkedAt: Number.NaN }).success).toBe(false);
  });
});

describe('unsupportedGenerationOptions', () => {
  it('is empty when no option is set', () => {
    expect(unsupportedGenerationOptions(hello, manifest)).toEqual([]);
  });

  it('returns exactly the set options the manifest does not list, in the canonical order', () => {
    const request: GenerateRequest = {
      ...hello,
      seed: 42,
      temperature: 0.7,
      topK: 40,
      maxOutputTokens: 100,
      responseFormat: { type: 'json' },
    };
    expect(unsupportedGenerationOptions(request, manifest)).toEqual(['topK', 'seed', 'responseFormat']);
  });

  it('counts 0 as set', () => {
    const request: GenerateRequest = { ...hello, temperature: 0, topP: 0, presencePenalty: 0 };
    expect(unsupportedGenerationOptions(request, { ...manifest, generationOptions: [] })).toEqual([
      'temperature',
      'topP',
      'presencePenalty',
    ]);
  });

  it('ignores fields that are not generation options', () => {
    const request: GenerateRequest = { ...hello, system: 'x', headers: { a: 'b' }, providerOptions: { x: {} } };
    expect(unsupportedGenerationOptions(request, { ...manifest, generationOptions: [] })).toEqual([]);
  });

  it('is the set options minus the supported ones, for any request and manifest', () => {
    fc.assert(
      fc.property(generateRequestArbitrary, generationOptionNamesArbitrary, (request, supported) => {
        const expected = GENERATION_OPTIONS.filter((name) => name in request && !supported.includes(name));
        expect(unsupportedGenerationOptions(request, { ...manifest, generationOptions: supported })).toEqual(expected);
      }),
    );
  });
});
