// Pact consumer tests: what this package needs from OpenRouter's API, endpoint by endpoint, written
// to pacts/ by the real provider and the real `openai` client. The testkit verifies these pacts
// against its OpenRouter fake, so the fake cannot drift from what this client expects.
import { isErrorOfKind } from '@modelyard/core';
import { eventStreamBody, sseEvent } from '@modelyard/testkit/pact';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createOpenRouter } from './openrouter-provider';
import { fetchWithListing } from './test-support/listing-fetch';

const { eachLike, integer, like, regex } = MatchersV3;

const pact = new PactV4({
  consumer: '@modelyard/provider-openrouter',
  provider: 'openrouter-api',
  dir: 'pacts',
  logLevel: 'warn',
});

const API_KEY = 'test-key';
const BEARER = regex('^Bearer \\S+$', `Bearer ${API_KEY}`);
const DECIMAL_STRING = '^\\d+(\\.\\d+)?$';
const LISTED = [
  { id: 'chat-model', pricing: { prompt: '0.000003', completion: '0.000015' } },
  { id: 'no-such-model', pricing: { prompt: '0', completion: '0' } },
];

function providerAt(url: string) {
  return createOpenRouter({
    apiKey: API_KEY,
    baseURL: `${url}/api/v1`,
    appUrl: 'https://example.com/app',
    appTitle: 'Modelyard contract',
    fetch: fetchWithListing(LISTED),
  });
}

const CHAT_REQUEST = {
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  maxOutputTokens: 16,
  temperature: 0,
  providerOptions: { openrouter: { models: ['chat-model'], provider: { sort: 'price' } } },
};

const CHAT_BODY = {
  model: 'chat-model',
  messages: eachLike({ role: 'user', content: like('Say hello') }),
  max_tokens: integer(16),
  temperature: like(0),
  models: eachLike('chat-model'),
  provider: { sort: like('price') },
};

describe('OpenRouter API pact', () => {
  it('GET /api/v1/models lists models with prices in USD per token', async () => {
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a request for the model listing')
      .withRequest('GET', '/api/v1/models')
      .willRespondWith(200, (response) =>
        response.jsonBody({
          data: eachLike({
            id: like('chat-model'),
            name: like('Chat Model'),
            description: like('A chat model'),
            context_length: integer(8192),
            architecture: { input_modalities: eachLike('text'), output_modalities: eachLike('text') },
            pricing: { prompt: regex(DECIMAL_STRING, '0.000003'), completion: regex(DECIMAL_STRING, '0.000015') },
            supported_parameters: eachLike('temperature'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const provider = createOpenRouter({ baseURL: `${server.url}/api/v1` });
        const [model] = await provider.listModels();
        expect(model).toMatchObject({
          modelId: 'chat-model',
          displayName: 'Chat Model',
          contextLength: 8192,
          pricing: { inputPerToken: 0.000003, outputPerToken: 0.000015 },
          isFree: false,
        });
      });
  });

  it('GET /api/v1/key describes a valid key', async () => {
    await pact
      .addInteraction()
      .given('the key test-key is valid')
      .uponReceiving('a request for the key information')
      .withRequest('GET', '/api/v1/key', (request) => request.headers({ Authorization: BEARER }))
      .willRespondWith(200, (response) =>
        response.jsonBody({ data: { label: like('sk-or-v1-abc...xyz'), usage: like(0), is_free_tier: like(false) } }),
      )
      .executeTest(async (server) => {
        const validation = await providerAt(server.url).validateKey();
        expect(validation).toMatchObject({ isValid: true, key: { label: 'sk-or-v1-abc...xyz', usageUsd: 0 } });
      });
  });

  it('GET /api/v1/key rejects an unknown key with 401', async () => {
    await pact
      .addInteraction()
      .given('the key wrong-key is not valid')
      .uponReceiving('a request for the key information with a wrong key')
      .withRequest('GET', '/api/v1/key', (request) => request.headers({ Authorization: 'Bearer wrong-key' }))
      .willRespondWith(401, (response) => response.jsonBody({ error: { message: like('Invalid API key') } }))
      .executeTest(async (server) => {
        const validation = await createOpenRouter({
          apiKey: 'wrong-key',
          baseURL: `${server.url}/api/v1`,
        }).validateKey();
        expect(validation.isValid).toBe(false);
      });
  });

  it('POST /api/v1/chat/completions answers with a completion', async () => {
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a chat completion request')
      .withRequest('POST', '/api/v1/chat/completions', (request) =>
        request
          .headers({
            Authorization: BEARER,
            'HTTP-Referer': like('https://example.com/app'),
            'X-Title': like('Modelyard contract'),
          })
          .jsonBody(CHAT_BODY),
      )
      .willRespondWith(200, (response) =>
        response.jsonBody({
          id: like('gen-1'),
          model: like('chat-model'),
          choices: eachLike({
            message: { content: like('chat-model heard: Say hello') },
            finish_reason: regex('^(stop|length)$', 'stop'),
          }),
          usage: { prompt_tokens: integer(2), completion_tokens: integer(4), total_tokens: integer(6) },
        }),
      )
      .executeTest(async (server) => {
        const model = await providerAt(server.url).loadModel('chat-model');
        const result = await model.generate(CHAT_REQUEST);
        expect(result.text).toBe('chat-model heard: Say hello');
        expect(result.finishReason).toBe('stop');
        expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 4, totalTokens: 6 });
        expect(result.costUsd).toBeCloseTo(2 * 0.000003 + 4 * 0.000015, 15);
      });
  });

  it('POST /api/v1/chat/completions streams server-sent events', async () => {
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
      id: 'gen-2',
      model: 'chat-model',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    const example = [
      ': OPENROUTER PROCESSING\n\n',
      sseEvent(chunk({ content: 'chat-model ' }, null)),
      sseEvent(chunk({ content: 'heard: Say hello' }, null)),
      sseEvent(chunk({}, 'stop')),
      sseEvent({
        id: 'gen-2',
        model: 'chat-model',
        choices: [],
        usage: { prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 },
      }),
      'data: [DONE]\n\n',
    ].join('');
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a streamed chat completion request')
      .withRequest('POST', '/api/v1/chat/completions', (request) =>
        request
          .headers({ Authorization: BEARER })
          .jsonBody({ ...CHAT_BODY, stream: true, stream_options: { include_usage: true } }),
      )
      .willRespondWith(200, (response) => eventStreamBody(response, example))
      .executeTest(async (server) => {
        const model = await providerAt(server.url).loadModel('chat-model');
        const parts = [];
        for await (const part of model.stream(CHAT_REQUEST)) parts.push(part);
        expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta', 'usage', 'finish']);
        expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
      });
  });

  it('POST /api/v1/chat/completions answers 404 for an unknown model', async () => {
    await pact
      .addInteraction()
      .given('no model no-such-model exists')
      .uponReceiving('a chat completion request for an unknown model')
      .withRequest('POST', '/api/v1/chat/completions', (request) =>
        request
          .headers({ Authorization: BEARER })
          .jsonBody({ model: 'no-such-model', messages: eachLike({ role: 'user', content: like('Say hello') }) }),
      )
      .willRespondWith(404, (response) =>
        response.jsonBody({ error: { message: like('No endpoints found for no-such-model.') } }),
      )
      .executeTest(async (server) => {
        const model = await providerAt(server.url).loadModel('no-such-model');
        const failure = await model
          .generate({ messages: [{ role: 'user', content: 'Say hello' }] })
          .catch((error) => error);
        expect(isErrorOfKind(failure, 'not_found')).toBe(true);
      });
  });
});
