import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { openRouterRequestExtras } from './openrouter-chat';

// The rest of the request body is provider-custom's, tested there (custom-chat.test.ts).
describe('openRouterRequestExtras', () => {
  it('is empty without OpenRouter options, and ignores other providers’ options', () => {
    expect(openRouterRequestExtras(undefined)).toEqual({});
    expect(openRouterRequestExtras({ ollama: { keep_alive: '5m' } })).toEqual({});
  });

  it('passes the fallback list, routing preferences and other OpenRouter fields through', () => {
    const extras = {
      models: ['anthropic/claude-3.5-sonnet', 'openai/gpt-4o'],
      provider: { order: ['Anthropic'], allow_fallbacks: false },
      transforms: ['middle-out'],
    };
    expect(openRouterRequestExtras({ openrouter: extras })).toEqual(extras);
  });

  it('rejects a malformed fallback list with a ConfigError naming the field', () => {
    const failure = () => openRouterRequestExtras({ openrouter: { models: [] } });
    expect(failure).toThrow(ConfigError);
    expect(failure).toThrow(/^Invalid providerOptions\.openrouter:/);
    expect(failure).toThrow(/models: expected ≥ 1 items/);
    expect(() => openRouterRequestExtras({ openrouter: { models: ['a', ''] } })).toThrow(/models\[1\]/);
    expect(() => openRouterRequestExtras({ openrouter: { provider: 'fast' } })).toThrow(/provider: expected/);
  });

  it.each(['model', 'messages', 'stream', 'max_tokens', 'temperature', 'response_format'])(
    'rejects %s, which the request itself sets',
    (field) => {
      expect(() => openRouterRequestExtras({ openrouter: { [field]: 1 } })).toThrow(
        new RegExp(`${field}: expected no such field here`),
      );
    },
  );
});
