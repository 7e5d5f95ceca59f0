// Pact consumer tests: what this package needs from the Ollama API, endpoint by endpoint, written to
// pacts/ by our code over the real `ollama` client. The testkit verifies these pacts against its
// Ollama fake, so the fake cannot drift from what this client expects.
import { isErrorOfKind, systemClock } from '@modelyard/core';
import { ndjson, ndjsonBody } from '@modelyard/testkit/pact';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { requestPs, requestShow, requestTags } from './ollama-catalogue';
import { createOllamaConnection, withCall } from './ollama-client';
import { classifyOllamaError } from './ollama-error';
import { createOllamaLanguageModel, type OllamaModelContext } from './ollama-language-model';
import { loadedFactsOf, ollamaModelToInfo } from './ollama-models';
import { createOllama, OLLAMA_SUPPORTS } from './ollama-provider';

const { eachLike, integer, like, regex } = MatchersV3;

const pact = new PactV4({
  consumer: '@modelyard/provider-ollama',
  provider: 'ollama-api',
  dir: 'pacts',
  logLevel: 'warn',
});

const MODEL = 'chat-model';
const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

/** Our code's own view of a server: a connection and a model context, without the provider's extra requests. */
function contextAt(url: string): OllamaModelContext {
  const connection = createOllamaConnection({ host: () => url, headers: {}, fetch: undefined, timeoutMs: 10_000 });
  return {
    providerId: 'pact-ollama',
    connection,
    clock: systemClock,
    supports: OLLAMA_SUPPORTS,
    classify: (thrown, signal, modelId) =>
      classifyOllamaError(thrown, { providerId: 'pact-ollama', modelId, secrets: [], signal, nowMs: Date.now() }),
  };
}

const CHAT_REQUEST = {
  messages: [{ role: 'user' as const, content: 'Say hello' }],
  maxOutputTokens: 16,
  temperature: 0,
};
const CHAT_BODY = {
  model: MODEL,
  messages: eachLike({ role: 'user', content: like('Say hello') }),
  options: { num_predict: integer(16), temperature: like(0) },
};
const COUNTERS = {
  done: true,
  done_reason: regex('^(stop|length)$', 'stop'),
  total_duration: integer(41_000_000),
  load_duration: integer(0),
  prompt_eval_count: integer(3),
  prompt_eval_duration: integer(1_000_000),
  eval_count: integer(4),
  eval_duration: integer(40_000_000),
};

describe('Ollama API pact', () => {
  it('GET /api/version answers the server version', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request for the server version')
      .withRequest('GET', '/api/version')
      .willRespondWith(200, (response) => response.jsonBody({ version: like('0.12.0') }))
      .executeTest(async (server) => {
        const status = await createOllama({ host: server.url }).healthCheck();
        expect(status).toMatchObject({ status: 'healthy', message: 'Ollama 0.12.0' });
      });
  });

  it('GET /api/tags lists the installed models', async () => {
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a request for the installed models')
      .withRequest('GET', '/api/tags')
      .willRespondWith(200, (response) =>
        response.jsonBody({
          models: eachLike({
            name: like(MODEL),
            size: integer(1_000_000),
            digest: regex('^[0-9a-f]{64}$', 'a'.repeat(64)),
            modified_at: regex(RFC3339, '2026-01-01T00:00:00Z'),
            details: {
              format: like('gguf'),
              family: like('llama'),
              parameter_size: like('1B'),
              quantization_level: like('Q4_K_M'),
            },
          }),
        }),
      )
      .executeTest(async (server) => {
        const tags = await withCall(contextAt(server.url).connection, undefined, ({ client }) =>
          requestTags(client, 'pact-ollama'),
        );
        const entry = tags.models[0];
        expect(entry).toBeDefined();
        const info = ollamaModelToInfo(
          { entry: entry as NonNullable<typeof entry>, show: undefined, loaded: null },
          'ollama',
        );
        expect(info).toMatchObject({
          modelId: MODEL,
          weights: { sizeBytes: 1_000_000, parameterCount: 1_000_000_000, quantization: 'Q4_K_M', family: 'llama' },
        });
      });
  });

  it('POST /api/show describes a model: context length and capabilities', async () => {
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a request for a model description')
      .withRequest('POST', '/api/show', (request) => request.jsonBody({ model: MODEL }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          details: { family: like('llama'), parameter_size: like('1B'), quantization_level: like('Q4_K_M') },
          model_info: {
            'general.architecture': like('llama'),
            'general.parameter_count': integer(1_000_000_000),
            'llama.block_count': integer(16),
            'llama.context_length': integer(4096),
          },
          capabilities: eachLike('completion'),
        }),
      )
      .executeTest(async (server) => {
        const show = await withCall(contextAt(server.url).connection, undefined, ({ client }) =>
          requestShow(client, 'pact-ollama', MODEL),
        );
        const info = ollamaModelToInfo({ entry: { name: MODEL }, show, loaded: null }, 'ollama');
        expect(info).toMatchObject({
          contextLength: 4096,
          capabilities: ['chat', 'streaming', 'json', 'structured_output'],
        });
      });
  });

  it('GET /api/ps lists the loaded models with their memory and expiry', async () => {
    await pact
      .addInteraction()
      .given(`the model ${MODEL} is loaded`)
      .uponReceiving('a request for the loaded models')
      .withRequest('GET', '/api/ps')
      .willRespondWith(200, (response) =>
        response.jsonBody({
          models: eachLike({
            name: like(MODEL),
            size: integer(1_000_000),
            size_vram: integer(1_000_000),
            expires_at: regex(RFC3339, '2026-01-01T00:10:00.000Z'),
            context_length: integer(4096),
          }),
        }),
      )
      .executeTest(async (server) => {
        const ps = await withCall(contextAt(server.url).connection, undefined, ({ client }) =>
          requestPs(client, 'pact-ollama'),
        );
        expect(ps.models.map(loadedFactsOf)).toEqual([
          { sizeBytes: 1_000_000, vramBytes: 1_000_000, expiresAt: '2026-01-01T00:10:00.000Z', contextLength: 4096 },
        ]);
      });
  });

  it('POST /api/generate with an empty prompt loads a model, with its keep-alive and context window', async () => {
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a request to load a model')
      .withRequest('POST', '/api/generate', (request) =>
        request.jsonBody({
          model: MODEL,
          prompt: '',
          stream: false,
          keep_alive: regex('^\\d+(ms|s|m|h)$', '600000ms'),
          options: { num_ctx: integer(4096) },
        }),
      )
      .willRespondWith(200, (response) =>
        response.jsonBody({ model: like(MODEL), response: '', done: true, done_reason: like('load') }),
      )
      .executeTest(async (server) => {
        const model = await createOllama({ host: server.url }).loadModel(MODEL, {
          keepAliveMs: 600_000,
          contextLength: 4096,
        });
        expect(model.identity.modelId).toBe(MODEL);
      });
  });

  it('POST /api/generate with keep_alive 0 unloads a model', async () => {
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a request to unload a model')
      .withRequest('POST', '/api/generate', (request) =>
        request.jsonBody({ model: MODEL, prompt: '', stream: false, keep_alive: 0 }),
      )
      .willRespondWith(200, (response) =>
        response.jsonBody({ model: like(MODEL), response: '', done: true, done_reason: 'unload' }),
      )
      .executeTest(async (server) => {
        await createOllama({ host: server.url }).unloadModel(MODEL);
      });
  });

  it('POST /api/chat answers with the message and the counters', async () => {
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a chat request')
      .withRequest('POST', '/api/chat', (request) => request.jsonBody({ ...CHAT_BODY, stream: false }))
      .willRespondWith(200, (response) =>
        response.jsonBody({
          model: like(MODEL),
          message: { role: 'assistant', content: like('chat-model heard: Say hello') },
          ...COUNTERS,
        }),
      )
      .executeTest(async (server) => {
        const model = createOllamaLanguageModel(contextAt(server.url), MODEL, {});
        const result = await model.generate(CHAT_REQUEST);
        expect(result.text).toBe('chat-model heard: Say hello');
        expect(result.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
        // 4 tokens in 40 ms.
        expect(result.timings.tokensPerSecond).toBe(100);
      });
  });

  it('POST /api/chat streams NDJSON lines, the last one with done and the counters', async () => {
    const line = (content: string) => ({ model: MODEL, message: { role: 'assistant', content }, done: false });
    const example = ndjson([
      line('chat-model '),
      line('heard: Say hello'),
      {
        model: MODEL,
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        total_duration: 41_000_000,
        load_duration: 0,
        prompt_eval_count: 3,
        prompt_eval_duration: 1_000_000,
        eval_count: 4,
        eval_duration: 40_000_000,
      },
    ]);
    await pact
      .addInteraction()
      .given(`a model ${MODEL} exists`)
      .uponReceiving('a streamed chat request')
      .withRequest('POST', '/api/chat', (request) => request.jsonBody({ ...CHAT_BODY, stream: true }))
      .willRespondWith(200, (response) =>
        ndjsonBody(
          response,
          example,
          '^(\\{"model":[^\\n]*"done":false\\}\\n)+\\{[^\\n]*"done":true[^\\n]*"eval_count":\\d+[^\\n]*"eval_duration":\\d+[^\\n]*\\}\\n$',
        ),
      )
      .executeTest(async (server) => {
        const model = createOllamaLanguageModel(contextAt(server.url), MODEL, {});
        const parts = [];
        for await (const part of model.stream(CHAT_REQUEST)) parts.push(part);
        expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta', 'usage', 'finish']);
        expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', timings: { tokensPerSecond: 100 } });
      });
  });

  it('POST /api/chat answers 404 with an error for an unknown model', async () => {
    await pact
      .addInteraction()
      .given('no model no-such-model exists')
      .uponReceiving('a chat request for an unknown model')
      .withRequest('POST', '/api/chat', (request) =>
        request.jsonBody({
          model: 'no-such-model',
          messages: eachLike({ role: 'user', content: like('Say hello') }),
          stream: false,
        }),
      )
      .willRespondWith(404, (response) => response.jsonBody({ error: like("model 'no-such-model' not found") }))
      .executeTest(async (server) => {
        const model = createOllamaLanguageModel(contextAt(server.url), 'no-such-model', {});
        const failure = await model
          .generate({ messages: [{ role: 'user', content: 'Say hello' }] })
          .catch((error: unknown) => error);
        expect(isErrorOfKind(failure, 'not_found')).toBe(true);
        expect((failure as Error).message).toContain("model 'no-such-model' not found");
      });
  });

  it('POST /api/pull streams progress per layer until success', async () => {
    const example = ndjson([
      { status: 'pulling manifest' },
      { status: 'pulling 0123456789ab', digest: 'sha256:0123456789ab', total: 1000 },
      { status: 'pulling 0123456789ab', digest: 'sha256:0123456789ab', total: 1000, completed: 1000 },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' },
    ]);
    await pact
      .addInteraction()
      .given('a model pullable-model can be pulled')
      .uponReceiving('a request to pull a model')
      .withRequest('POST', '/api/pull', (request) => request.jsonBody({ name: 'pullable-model', stream: true }))
      .willRespondWith(200, (response) =>
        ndjsonBody(
          response,
          example,
          '^\\{"status":"pulling manifest"\\}\\n(\\{"status":"[^"\\n]*"[^\\n]*\\}\\n)*\\{"status":"success"\\}\\n$',
        ),
      )
      .executeTest(async (server) => {
        const progress: { completedBytes?: number; totalBytes?: number }[] = [];
        await createOllama({ host: server.url }).pullModel('pullable-model', {
          onProgress: (event) => progress.push(event),
        });
        expect(progress.some((event) => event.totalBytes !== undefined)).toBe(true);
      });
  });
});
