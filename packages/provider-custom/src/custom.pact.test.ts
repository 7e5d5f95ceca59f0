// Pact consumer tests: what this package needs from an OpenAI-compatible server, endpoint by
// endpoint, written to pacts/ by the real provider and the real `openai` client. The testkit
// verifies these pacts against its OpenAI-compatible fake, so the fake cannot drift from what this
// client expects.
import { isErrorOfKind } from '@modelyard/core';
import { eventStreamBody, sseEvent } from '@modelyard/testkit/pact';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { createCustomProvider } from './custom-provider';

const { eachLike, integer, like, regex } = MatchersV3;

const pact = new PactV4({
  consumer: '@modelyard/provider-custom',
  provider: 'openai-compatible-api',
  dir: 'pacts',
  logLevel: 'warn',
});

const API_KEY = 'test-key';
const BEARER = regex('^Bearer \\S+$', `Bearer ${API_KEY}`);

// Chat tests declare their models, so loadModel() needs no listing (one endpoint per interaction).
function providerAt(url: string) {
  return createCustomProvider({
    name: 'pact-server',
    baseURL: `${url}/v1`,
    apiKey: API_KEY,
    discover: false,
    models: [
      { id: 'chat-model', pricing: { inputPerToken: 0.0000002, outputPerToken: 0.0000006, perRequest: 0 } },
      { id: 'no-such-model' },
    ],
  });
}

const CHAT_REQUEST = {
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  maxOutputTokens: 16,
  temperature: 0,
};

const CHAT_BODY = {
  model: 'chat-model',
  messages: eachLike({ role: 'user', content: like('Say hello') }),
  max_tokens: integer(16),
  temperature: like(0),
};

describe('OpenAI-compatible API pact', () => {
  it('GET /v1/models lists the model ids', async () => {
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a request for the model listing')
      .withRequest('GET', '/v1/models', (request) => request.headers({ Authorization: BEARER }))
      .willRespondWith(200, (response) => response.jsonBody({ data: eachLike({ id: like('chat-model') }) }))
      .executeTest(async (server) => {
        const provider = createCustomProvider({ name: 'pact-server', baseURL: `${server.url}/v1`, apiKey: API_KEY });
        const models = await provider.listModels();
        expect(models.map((model) => model.modelId)).toEqual(['chat-model']);
      });
  });

  it('POST /v1/chat/completions answers with a completion', async () => {
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a chat completion request')
      .withRequest('POST', '/v1/chat/completions', (request) =>
        request.headers({ Authorization: BEARER }).jsonBody(CHAT_BODY),
      )
      .willRespondWith(200, (response) =>
        response.jsonBody({
          choices: eachLike({
            message: { content: like('chat-model heard: Say hello') },
            finish_reason: regex('^(stop|length)$', 'stop'),
          }),
          usage: { prompt_tokens: integer(3), completion_tokens: integer(4), total_tokens: integer(7) },
        }),
      )
      .executeTest(async (server) => {
        const model = await providerAt(server.url).loadModel('chat-model');
        const result = await model.generate(CHAT_REQUEST);
        expect(result.text).toBe('chat-model heard: Say hello');
        expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
        expect(result.costUsd).toBeCloseTo(3 * 0.0000002 + 4 * 0.0000006, 15);
      });
  });

  it('POST /v1/chat/completions streams server-sent events', async () => {
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
      id: 'chatcmpl-2',
      model: 'chat-model',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    const example = [
      sseEvent(chunk({ role: 'assistant', content: '' }, null)),
      sseEvent(chunk({ content: 'chat-model ' }, null)),
      sseEvent(chunk({ content: 'heard: Say hello' }, null)),
      sseEvent(chunk({}, 'stop')),
      sseEvent({
        id: 'chatcmpl-2',
        model: 'chat-model',
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      }),
      'data: [DONE]\n\n',
    ].join('');
    await pact
      .addInteraction()
      .given('a model chat-model exists')
      .uponReceiving('a streamed chat completion request')
      .withRequest('POST', '/v1/chat/completions', (request) =>
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

  it('POST /v1/chat/completions answers 404 for an unknown model', async () => {
    await pact
      .addInteraction()
      .given('no model no-such-model exists')
      .uponReceiving('a chat completion request for an unknown model')
      .withRequest('POST', '/v1/chat/completions', (request) =>
        request
          .headers({ Authorization: BEARER })
          .jsonBody({ model: 'no-such-model', messages: eachLike({ role: 'user', content: like('Say hello') }) }),
      )
      .willRespondWith(404, (response) =>
        response.jsonBody({ error: { message: like('The model `no-such-model` does not exist.') } }),
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
