import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OLLAMA_HOST,
  displayHost,
  isOllamaHost,
  ollamaSettingsSchema,
  resolveOllamaHost,
  splitHostCredentials,
} from './ollama-settings';

describe('ollamaSettingsSchema', () => {
  it('fills the defaults, and leaves host and keep-alive unset', () => {
    expect(ollamaSettingsSchema.parse({})).toEqual({
      id: 'ollama',
      headers: {},
      timeoutMs: 600_000,
      cacheTtlMs: 60_000,
      showConcurrency: 4,
    });
  });

  it('takes 0 as a value: no cache, unload after each call', () => {
    expect(ollamaSettingsSchema.parse({ cacheTtlMs: 0, keepAliveMs: 0 })).toMatchObject({
      cacheTtlMs: 0,
      keepAliveMs: 0,
    });
  });

  it('rejects bad values and unknown fields, naming them', () => {
    for (const [settings, path] of [
      [{ host: 'ftp://box' }, 'host'],
      [{ host: '' }, 'host'],
      [{ timeoutMs: 0 }, 'timeoutMs'],
      [{ keepAliveMs: -1 }, 'keepAliveMs'],
      [{ showConcurrency: 0 }, 'showConcurrency'],
      [{ fetch: 'fetch' }, 'fetch'],
      [{ clock: { now: () => 0 } }, 'clock'],
      [{ baseURL: 'http://x' }, '(root)'],
    ] as const) {
      const result = ollamaSettingsSchema.safeParse(settings);
      expect(result.success, JSON.stringify(settings)).toBe(false);
      const error = ConfigError.fromZod('Ollama settings', result.error as never);
      expect(error.issues.map((issue) => issue.path)).toContain(path);
    }
  });
});

describe('isOllamaHost', () => {
  it.each([
    'http://127.0.0.1:11434',
    'https://ollama.example.com',
    'localhost',
    'gpu-box:11434',
    ':11434',
    '0.0.0.0',
    'http://user:pass@proxy:8080/ollama',
  ])('accepts %s', (host) => {
    expect(isOllamaHost(host)).toBe(true);
  });

  it.each(['', '   ', 'ftp://box', 'http://', 'ws://box:1', 'http://[::1'])('refuses %j', (host) => {
    expect(isOllamaHost(host)).toBe(false);
  });
});

describe('resolveOllamaHost', () => {
  it('prefers the setting, then OLLAMA_HOST, then the default', () => {
    expect(resolveOllamaHost(' http://a:1 ', { OLLAMA_HOST: 'http://b:2' })).toBe('http://a:1');
    expect(resolveOllamaHost(undefined, { OLLAMA_HOST: ' b:2 ' })).toBe('b:2');
    expect(resolveOllamaHost(undefined, { OLLAMA_HOST: '' })).toBe(DEFAULT_OLLAMA_HOST);
    expect(resolveOllamaHost(undefined, {})).toBe('http://127.0.0.1:11434');
  });

  it('names OLLAMA_HOST when it holds no address', () => {
    expect(() => resolveOllamaHost(undefined, { OLLAMA_HOST: 'ftp://x' })).toThrow(
      /OLLAMA_HOST: expected an Ollama address .*, received "ftp:\/\/x"/,
    );
  });
});

describe('splitHostCredentials and displayHost', () => {
  it('takes user and password out of the host, as Basic authorization', () => {
    expect(splitHostCredentials('http://me:p%40ss@proxy:8080/ollama')).toEqual({
      host: 'http://proxy:8080/ollama',
      // base64("me:p@ss")
      authorization: 'Basic bWU6cEBzcw==',
      secrets: ['p@ss', 'p%40ss', 'bWU6cEBzcw=='],
    });
    expect(displayHost('me:secret@proxy:8080')).toBe('http://proxy:8080');
  });

  it('leaves a host without credentials as it is', () => {
    expect(splitHostCredentials('gpu-box:11434')).toEqual({ host: 'gpu-box:11434', secrets: [] });
    expect(splitHostCredentials('http://[::1')).toEqual({ host: 'http://[::1', secrets: [] });
  });
});
