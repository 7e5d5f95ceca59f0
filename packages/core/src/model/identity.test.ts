import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error';
import {
  compareModelIdentities,
  fileNameToModelIdentity,
  formatModelKey,
  isSameModel,
  type ModelIdentity,
  modelIdentitySchema,
  modelIdentityToFileName,
  modelIdSchema,
  PROVIDER_ID_PATTERN,
  parseModelKey,
  providerIdSchema,
} from './identity';

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const openRouterLlama = { providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' };
const ollamaLlama = { providerId: 'ollama', modelId: 'llama3.1:8b' };

describe('provider and model ids', () => {
  it.each(['openrouter', 'ollama', 'my-vllm', 'lmstudio.gpu-box', 'a', '0', 'x_y', 'a'.repeat(64)])(
    'accepts the provider id %s',
    (providerId) => {
      expect(PROVIDER_ID_PATTERN.test(providerId)).toBe(true);
      expect(providerIdSchema.safeParse(providerId).success).toBe(true);
    },
  );

  it.each(['', 'OpenRouter', '-vllm', '.hidden', '_x', 'a/b', 'a b', 'a@b', 'é', 'a'.repeat(65)])(
    'rejects the provider id %j',
    (providerId) => {
      expect(providerIdSchema.safeParse(providerId).success).toBe(false);
    },
  );

  it('accepts any non-empty well-formed model id, rejects empty and lone surrogates', () => {
    for (const modelId of ['meta-llama/llama-3.1-8b-instruct:free', 'llama3.1:8b', 'a b', '模型', '🦙', '%41@x']) {
      expect(modelIdSchema.safeParse(modelId).success).toBe(true);
    }
    expect(modelIdSchema.safeParse('').success).toBe(false);
    expect(modelIdSchema.safeParse('bad\uD800').error?.issues[0]?.message).toBe(
      'well-formed Unicode text (no lone surrogates)',
    );
    expect(modelIdentitySchema.parse(ollamaLlama)).toEqual(ollamaLlama);
  });
});

describe('formatModelKey / parseModelKey', () => {
  it.each<[ModelIdentity, string]>([
    [openRouterLlama, 'openrouter/meta-llama/llama-3.1-8b-instruct:free'],
    [ollamaLlama, 'ollama/llama3.1:8b'],
    [{ providerId: 'my-vllm', modelId: '/leading/slash/' }, 'my-vllm//leading/slash/'],
    [{ providerId: 'x', modelId: '模型 🦙' }, 'x/模型 🦙'],
  ])('%j ↔ %s', (identity, key) => {
    expect(formatModelKey(identity)).toBe(key);
    expect(parseModelKey(key)).toEqual(identity);
  });

  it.each([
    ['llama3.1:8b', 'Invalid model key:\n  - modelKey: expected "<providerId>/<modelId>", received "llama3.1:8b"'],
    [
      'Ollama/llama3.1:8b',
      'Invalid model key:\n  - modelKey: expected a provider id before the first "/" (lower-case letters, digits, ".", "_", "-"), received "Ollama"',
    ],
    [
      '/llama3.1:8b',
      'Invalid model key:\n  - modelKey: expected a provider id before the first "/" (lower-case letters, digits, ".", "_", "-"), received ""',
    ],
    ['ollama/', 'Invalid model key:\n  - modelKey: expected a model id after the first "/", received nothing'],
    ['', 'Invalid model key:\n  - modelKey: expected "<providerId>/<modelId>", received ""'],
  ])('parseModelKey(%j) throws a ConfigError naming modelKey', (key, message) => {
    const error = configErrorOf(() => parseModelKey(key));
    expect(error.message).toBe(message);
    expect(error.issues.map((issue) => issue.path)).toEqual(['modelKey']);
    expect(error.kind).toBe('bad_request');
  });
});

describe('isSameModel / compareModelIdentities', () => {
  it('compares both parts', () => {
    expect(isSameModel(ollamaLlama, { providerId: 'ollama', modelId: 'llama3.1:8b' })).toBe(true);
    expect(isSameModel(ollamaLlama, { providerId: 'lmstudio', modelId: 'llama3.1:8b' })).toBe(false);
    expect(isSameModel(ollamaLlama, { providerId: 'ollama', modelId: 'llama3.1:70b' })).toBe(false);
  });

  it('orders by provider id, then by model id in code-unit order', () => {
    const identities: ModelIdentity[] = [
      { providerId: 'openrouter', modelId: 'b' },
      { providerId: 'ollama', modelId: 'z' },
      { providerId: 'openrouter', modelId: 'B' },
      { providerId: 'ollama', modelId: 'a' },
      { providerId: 'lmstudio', modelId: 'm' },
      { providerId: 'openrouter', modelId: 'a:free' },
    ];
    expect([...identities].sort(compareModelIdentities)).toEqual([
      { providerId: 'lmstudio', modelId: 'm' },
      { providerId: 'ollama', modelId: 'a' },
      { providerId: 'ollama', modelId: 'z' },
      { providerId: 'openrouter', modelId: 'B' },
      { providerId: 'openrouter', modelId: 'a:free' },
      { providerId: 'openrouter', modelId: 'b' },
    ]);
    expect(compareModelIdentities(ollamaLlama, { ...ollamaLlama })).toBe(0);
    expect(compareModelIdentities({ providerId: 'a', modelId: 'z' }, { providerId: 'b', modelId: 'a' })).toBe(-1);
    expect(compareModelIdentities({ providerId: 'b', modelId: 'a' }, { providerId: 'a', modelId: 'z' })).toBe(1);
    expect(compareModelIdentities({ providerId: 'a', modelId: 'b' }, { providerId: 'a', modelId: 'a' })).toBe(1);
  });
});

describe('modelIdentityToFileName / fileNameToModelIdentity', () => {
  it.each<[ModelIdentity, string]>([
    [ollamaLlama, 'ollama@llama3.1%3A8b'],
    [openRouterLlama, 'openrouter@meta-llama%2Fllama-3.1-8b-instruct%3Afree'],
    [{ providerId: 'my-vllm', modelId: 'Qwen_2.5-7B' }, 'my-vllm@Qwen_2.5-7B'],
    [{ providerId: 'x', modelId: 'a b*c\\d' }, 'x@a%20b%2Ac%5Cd'],
    [{ providerId: 'x', modelId: '%@' }, 'x@%25%40'],
    [{ providerId: 'x', modelId: 'é' }, 'x@%C3%A9'],
    [{ providerId: 'x', modelId: '🦙' }, 'x@%F0%9F%A6%99'],
    [{ providerId: 'x', modelId: '..' }, 'x@..'],
  ])('%j ↔ %s', (identity, fileName) => {
    expect(modelIdentityToFileName(identity)).toBe(fileName);
    expect(fileNameToModelIdentity(fileName)).toEqual(identity);
  });

  it.each([
    'ollama', // no separator
    '@llama3', // no provider id
    'Ollama@llama3', // provider id out of pattern
    'ollama@', // no model id
    'ollama@a b', // unencoded space
    'ollama@a:b', // unencoded colon
    'ollama@a%3a', // lower-case escape
    'ollama@a%3', // truncated escape
    'ollama@%G1', // not hex
    'ollama@%FF', // not UTF-8
    'ollama@%C3', // truncated UTF-8 sequence
    'ollama@%41', // an escaped safe character the writer never escapes
    'ollama@a@b', // "@" is always escaped
  ])('rejects %j with a ConfigError naming fileName', (fileName) => {
    const error = configErrorOf(() => fileNameToModelIdentity(fileName));
    expect(error.message).toBe(
      `Invalid model file name:\n  - fileName: expected "<providerId>@<percent-encoded modelId>", received ${JSON.stringify(fileName)}`,
    );
  });
});
