import { ConfigError, GENERATION_OPTIONS } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { createCustomProvider } from './custom-provider';
import { customProviderSettingsSchema } from './custom-settings';

const base = { name: 'my-vllm', baseURL: 'http://localhost:8000/v1' };

describe('customProviderSettingsSchema', () => {
  it('fills the defaults', () => {
    const parsed = customProviderSettingsSchema.parse(base);
    expect(parsed).toEqual({
      name: 'my-vllm',
      baseURL: 'http://localhost:8000/v1',
      headers: {},
      models: [],
      discover: true,
      locality: 'remote',
      generationOptions: [...GENERATION_OPTIONS],
      timeoutMs: 600_000,
      cacheTtlMs: 60_000,
    });
  });

  it('accepts http and https URLs only, and a clock with now() and sleep()', () => {
    expect(customProviderSettingsSchema.safeParse({ ...base, baseURL: 'https://api.example.com/v1' }).success).toBe(
      true,
    );
    for (const baseURL of ['xhttp://example.com', 'httpx://example.com', 'ws://example.com']) {
      expect(customProviderSettingsSchema.safeParse({ ...base, baseURL }).success).toBe(false);
    }
    const sleep = async () => undefined;
    expect(customProviderSettingsSchema.safeParse({ ...base, clock: { now: () => 0, sleep } }).success).toBe(true);
    for (const clock of [{ sleep }, { now: () => 0 }, null, 5]) {
      expect(customProviderSettingsSchema.safeParse({ ...base, clock }).success).toBe(false);
    }
  });

  it('drops trailing slashes from the base URL', () => {
    expect(customProviderSettingsSchema.parse({ ...base, baseURL: 'http://localhost:8000/v1//' }).baseURL).toBe(
      'http://localhost:8000/v1',
    );
  });
});

describe('createCustomProvider settings errors', () => {
  it.each([
    [{ baseURL: base.baseURL }, 'name: expected a string, received nothing'],
    [{ ...base, name: 'My Server' }, 'name: expected a provider id'],
    [{ ...base, name: '' }, 'name: expected a provider id'],
    [{ name: 'x' }, 'baseURL: expected'],
    [{ ...base, baseURL: 'localhost:8000' }, `baseURL: expected an http(s) URL of the server's OpenAI API`],
    [{ ...base, baseURL: 'file:///tmp/socket' }, 'baseURL: expected an http(s) URL'],
    [{ ...base, apiKey: '' }, 'apiKey: expected a string of ≥ 1 characters'],
    [{ ...base, locality: 'edge' }, 'locality: expected one of "local", "remote"'],
    [{ ...base, generationOptions: ['max_tokens'] }, 'generationOptions[0]: expected one of'],
    [{ ...base, cacheTtlMs: -1 }, 'cacheTtlMs: expected a number ≥ 0'],
    [{ ...base, timeoutMs: 0 }, 'timeoutMs: expected a number ≥ 1'],
    [{ ...base, fetch: {} }, 'fetch: expected a fetch function'],
    [{ ...base, clock: { now: () => 1 } }, 'clock: expected a Clock'],
    [{ ...base, discover: false }, 'models: expected at least one declared model when discover is false'],
    [{ ...base, models: [{ id: 'a' }, { id: 'a' }] }, 'models[1].id: expected an id not declared twice'],
    [
      { ...base, models: [{ id: 'a', contextLength: 10, maxOutputTokens: 20 }] },
      'models[0].maxOutputTokens: expected at most contextLength (10)',
    ],
    [
      { ...base, models: [{ id: 'a', isFree: true, pricing: { inputPerToken: 0.1 } }] },
      'models[0].pricing.inputPerToken: expected a price of 0',
    ],
    [{ ...base, url: 'http://x' }, 'unknown field "url"'],
  ])('rejects %j with a ConfigError naming the field', (settings, message) => {
    const create = () => createCustomProvider(settings as never);
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(message);
  });

  it('names the subject and hides the key', () => {
    try {
      createCustomProvider({ ...base, baseURL: 'nope', apiKey: 'sk-secret-in-settings' });
      expect.unreachable();
    } catch (error) {
      expect(ConfigError.isInstance(error) && error.subject).toBe('custom provider settings');
      expect(String(error)).not.toContain('sk-secret-in-settings');
    }
  });
});
