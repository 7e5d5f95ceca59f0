import { ConfigError, parseWithSchema } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { lmstudioSettingsSchema, parseLMStudioSettings, toWebSocketBaseUrl } from './lmstudio-settings';

describe('toWebSocketBaseUrl', () => {
  test.each([
    ['ws://127.0.0.1:1234', 'ws://127.0.0.1:1234'],
    ['ws://127.0.0.1:1234/', 'ws://127.0.0.1:1234'],
    ['wss://lmstudio.example.com', 'wss://lmstudio.example.com'],
    ['http://gpu-box:1234', 'ws://gpu-box:1234'],
    ['https://gpu-box:8443/', 'wss://gpu-box:8443'],
    ['  ws://[::1]:1234  ', 'ws://[::1]:1234'],
  ])('%s → %s', (input, expected) => {
    expect(toWebSocketBaseUrl(input)).toBe(expected);
  });

  test.each([
    ['localhost:1234'],
    ['ftp://host:1234'],
    ['ws://host:1234/llm'],
    ['ws://host:1234?x=1'],
    ['ws://host:1234#top'],
    ['ws://user:secret@host:1234'],
    ['not a url'],
  ])('%s is refused', (input) => {
    expect(toWebSocketBaseUrl(input)).toBeNull();
  });
});

describe('lmstudioSettingsSchema', () => {
  test('defaults', () => {
    expect(parseWithSchema(lmstudioSettingsSchema, {}, 'LM Studio settings')).toEqual({
      id: 'lmstudio',
      baseUrl: 'ws://127.0.0.1:1234',
      connectTimeoutMs: 5000,
      timeoutMs: 600_000,
      cacheTtlMs: 10_000,
    });
  });

  test('an http base URL is stored as ws; 0 is a cache TTL (no cache)', () => {
    expect(
      parseWithSchema(lmstudioSettingsSchema, { baseUrl: 'http://gpu-box:1234', cacheTtlMs: 0 }, 'LM Studio settings'),
    ).toMatchObject({ baseUrl: 'ws://gpu-box:1234', cacheTtlMs: 0 });
  });

  test('bad values name their field and what was expected', () => {
    let thrown: unknown;
    try {
      parseWithSchema(
        lmstudioSettingsSchema,
        { id: 'LM Studio', baseUrl: 'ws://host/llm', connectTimeoutMs: 0, logger: console.log, extra: 1 },
        'LM Studio settings',
      );
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    const paths = (thrown as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'baseUrl', 'connectTimeoutMs', 'logger', '(root)']));
    const baseUrl = (thrown as ConfigError).issues.find((issue) => issue.path === 'baseUrl');
    expect(baseUrl?.expected).toContain('ws://');
  });
});

describe('parseLMStudioSettings', () => {
  test('applies the defaults', () => {
    expect(parseLMStudioSettings({}).baseUrl).toBe('ws://127.0.0.1:1234');
  });

  test('refuses a base URL with credentials without showing them', () => {
    let thrown: unknown;
    try {
      parseLMStudioSettings({ baseUrl: 'ws://admin:hunter2@gpu-box:1234' });
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    const error = thrown as ConfigError;
    expect(error.issues).toEqual([
      { path: 'baseUrl', expected: expect.stringContaining('ws://'), received: 'a URL with credentials (hidden)' },
    ]);
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(error.message).not.toContain('hunter2');
  });
});
