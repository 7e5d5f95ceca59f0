import { describe, expect, it } from 'vitest';
import { isSecretFieldName, REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('uses "[REDACTED]" as the marker', () => {
    expect(REDACTED).toBe('[REDACTED]');
  });

  it('leaves text without secrets unchanged', () => {
    const text = 'The model llama3.1:8b answered in 1200 ms with 42 tokens.';
    expect(redactSecrets(text)).toBe(text);
    expect(redactSecrets('')).toBe('');
  });

  describe('exact secrets passed by the caller', () => {
    it('replaces every occurrence', () => {
      expect(redactSecrets('key my-key-123 then my-key-123 again', ['my-key-123'])).toBe(
        'key [REDACTED] then [REDACTED] again',
      );
    });

    it('replaces several secrets and skips undefined, null and empty entries', () => {
      expect(redactSecrets('user alice1 pass hunter22', [undefined, 'alice1', null, '', 'hunter22'])).toBe(
        'user [REDACTED] pass [REDACTED]',
      );
    });

    it('ignores secrets shorter than 4 characters, which would shred ordinary text', () => {
      expect(redactSecrets('a cat sat on a mat', ['a', 'at', 'cat'])).toBe('a cat sat on a mat');
      expect(redactSecrets('a cats sat', ['cats'])).toBe('a [REDACTED] sat');
    });

    it('treats the secret as text, not as a pattern', () => {
      expect(redactSecrets('x a.b*c+ y', ['a.b*c+'])).toBe('x [REDACTED] y');
      expect(redactSecrets('x aXbbc y', ['a.b*c+'])).toBe('x aXbbc y');
    });
  });

  describe('well-known credential shapes', () => {
    it.each([
      ['Bearer abc123xyz', 'Bearer [REDACTED]'],
      // The header name then matches the key=value shape too, which takes the scheme name with it.
      ['Authorization: Bearer abc123xyz', 'Authorization: Bearer [REDACTED]'],
      ['basic tools and Bearer of news', 'basic tools and Bearer of news'],
      ['bearer abc.def-ghi_jkl~mn+o/p=', 'bearer [REDACTED]'],
      ['Basic dXNlcjpwYXNz', 'Basic [REDACTED]'],
      ['Bearer abc', 'Bearer abc'],
    ])('authorization values: %j → %j', (text, expected) => {
      expect(redactSecrets(text)).toBe(expected);
    });

    it.each([
      ['key sk-or-v1-0123456789abcdef was refused', 'key [REDACTED] was refused'],
      ['sk-proj-AbCdEf123456', '[REDACTED]'],
      ['sk-ant-api03-abcdefgh', '[REDACTED]'],
      ['rk-live_12345678 and pk-test_12345678', '[REDACTED] and [REDACTED]'],
      ['sk-short', 'sk-short'],
      ['task-abcdefghijk', 'task-abcdefghijk'],
    ])('prefixed keys: %j → %j', (text, expected) => {
      expect(redactSecrets(text)).toBe(expected);
    });

    it.each([
      ['token hf_AbCdEfGh1234 expired', 'token [REDACTED] expired'],
      ['hf_short', 'hf_short'],
    ])('Hugging Face tokens: %j → %j', (text, expected) => {
      expect(redactSecrets(text)).toBe(expected);
    });

    it.each([
      ['GET /v1/models?api_key=abcd1234&page=2', 'GET /v1/models?api_key=[REDACTED]&page=2'],
      ['apikey=abcd1234', 'apikey=[REDACTED]'],
      ['api-key: abcd1234', 'api-key: [REDACTED]'],
      ['x-api-key: abcd1234', 'x-api-key: [REDACTED]'],
      ['{"apiKey": "abcd1234"}', '{"apiKey": "[REDACTED]"}'],
      ["{'password':'hunter22'}", "{'password':'[REDACTED]'}"],
      ['access_token=abcd1234; path=/', 'access_token=[REDACTED]; path=/'],
      ['auth-token=abcd1234,next', 'auth-token=[REDACTED],next'],
      ['token: abcd1234', 'token: [REDACTED]'],
      ['SECRET=abcd1234', 'SECRET=[REDACTED]'],
      ['client_secret=abcd1234', 'client_secret=[REDACTED]'],
      ['refresh_token=abcd1234', 'refresh_token=[REDACTED]'],
      ['MY_API_KEY=abcd1234', 'MY_API_KEY=[REDACTED]'],
      ['token=abc', 'token=abc'],
      ['max tokens: 4096', 'max tokens: 4096'],
      ['mytoken=abcd1234', 'mytoken=abcd1234'],
    ])('key=value pairs keep the name: %j → %j', (text, expected) => {
      expect(redactSecrets(text)).toBe(expected);
    });
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    const once = redactSecrets('api_key=sk-or-v1-0123456789 Bearer abc123xyz token="abcd1234" my-secret-1', [
      'my-secret-1',
    ]);
    expect(once).toBe('api_key=[REDACTED] Bearer [REDACTED] token="[REDACTED]" [REDACTED]');
    expect(redactSecrets(once)).toBe(once);
  });
});

describe('isSecretFieldName', () => {
  it.each([
    'apiKey',
    'api_key',
    'x-api-key',
    'APIKEY',
    'token',
    'authToken',
    'HF_TOKEN',
    'x-auth-token',
    'accessToken',
    'refresh_token',
    'clientSecret',
    'password',
    'Authorization',
    'credentials',
    'cookie',
    'Set-Cookie',
  ])('%s holds a secret', (name) => {
    expect(isSecretFieldName(name)).toBe(true);
  });

  it.each([
    'maxOutputTokens',
    'inputTokens',
    'totalTokens',
    'expectedInputTokens',
    'tokensPerSecond',
    'inputPerToken',
    'outputPerToken',
    'price_per_token',
    'tokenizer',
    'modelId',
    'host',
    'keepAliveMs',
    'baseURL',
  ])('%s does not', (name) => {
    expect(isSecretFieldName(name)).toBe(false);
  });
});
