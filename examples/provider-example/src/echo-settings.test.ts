import { ConfigError, systemClock } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ECHO_BASE_URL, DEFAULT_ECHO_ID, resolveEchoSettings } from './echo-settings';

function issuesOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (ConfigError.isInstance(error)) return { message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveEchoSettings', () => {
  test('defaults: id "echo", the made-up host, no key, the system clock', () => {
    const resolved = resolveEchoSettings();
    expect(resolved).toMatchObject({ id: 'echo', baseURL: 'https://api.echo.example', apiKey: undefined });
    expect(resolved.clock).toBe(systemClock);
    expect(typeof resolved.fetch).toBe('function');
    expect(DEFAULT_ECHO_ID).toBe('echo');
    expect(DEFAULT_ECHO_BASE_URL).toBe('https://api.echo.example');
  });

  test('keeps what it is given, without trailing slashes on the base URL', () => {
    const fetch = (async () => new Response()) as typeof globalThis.fetch;
    const clock = { now: () => 5, sleep: async () => undefined };
    const resolved = resolveEchoSettings({
      id: 'echo.eu-2',
      baseURL: 'http://127.0.0.1:8080//',
      apiKey: 'k',
      fetch,
      clock,
    });
    expect(resolved).toEqual({ id: 'echo.eu-2', baseURL: 'http://127.0.0.1:8080', apiKey: 'k', fetch, clock });
  });

  test('a base URL with a path keeps it', () => {
    expect(resolveEchoSettings({ baseURL: 'https://gateway.example/echo/' }).baseURL).toBe(
      'https://gateway.example/echo',
    );
  });

  test('the default fetch calls the global fetch of the moment, not the one at creation', async () => {
    const resolved = resolveEchoSettings();
    const original = globalThis.fetch;
    const seen: string[] = [];
    globalThis.fetch = (async (input: string | URL | Request) => {
      seen.push(String(input));
      return new Response('ok');
    }) as typeof fetch;
    try {
      await resolved.fetch('http://127.0.0.1:1/x');
    } finally {
      globalThis.fetch = original;
    }
    expect(seen).toEqual(['http://127.0.0.1:1/x']);
  });

  test.each([
    [{ id: 'Echo' }, 'id', '"Echo"'],
    [{ id: '' }, 'id', '""'],
    [{ id: 7 }, 'id', '7'],
    [{ baseURL: 'api.echo.example' }, 'baseURL', '"api.echo.example"'],
    [{ baseURL: 'ftp://api.echo.example' }, 'baseURL', '"ftp://api.echo.example"'],
    [{ baseURL: 42 }, 'baseURL', '42'],
    [{ apiKey: '' }, 'apiKey', 'a string (hidden: secret field)'],
    [{ apiKey: 12345678 }, 'apiKey', 'a number (hidden: secret field)'],
    [{ fetch: 'fetch' }, 'fetch', '"fetch"'],
    [{ clock: { now: () => 0 } }, 'clock', 'an object'],
    [{ clock: null }, 'clock', 'null'],
  ])('%j is refused, naming %s', (settings, path, received) => {
    const { issues } = issuesOf(() => resolveEchoSettings(settings as never));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, received });
  });

  test('every bad field is listed at once, in one readable message', () => {
    const { message } = issuesOf(() => resolveEchoSettings({ id: 'A', baseURL: 'nope', apiKey: '' }));
    expect(message).toBe(
      [
        'Invalid Echo settings:',
        '  - id: expected a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters, received "A"',
        '  - baseURL: expected an http(s) URL such as "https://api.echo.example", received "nope"',
        '  - apiKey: expected a non-empty string, received a string (hidden: secret field)',
      ].join('\n'),
    );
  });
});
