import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OpenAICompatibleFake, startOpenAICompatibleFake, startOpenRouterFake } from './openai-compatible-fake';

const KEY = 'fake-key-123';
let openai: OpenAICompatibleFake;
let openrouter: OpenAICompatibleFake;

beforeAll(async () => {
  openai = await startOpenAICompatibleFake({
    apiKey: KEY,
    models: [{ id: 'chat-a', ownedBy: 'acme', contextLength: 40 }],
  });
  openrouter = await startOpenRouterFake({
    apiKey: KEY,
    models: [
      {
        id: 'vendor/model-x',
        name: 'Model X',
        contextLength: 128_000,
        maxCompletionTokens: 4_096,
        pricing: { prompt: 0.000003, completion: 0.000015 },
      },
      { id: 'vendor/model-y:free', inputModalities: ['text', 'image'], supportedParameters: ['tools', 'max_tokens'] },
    ],
    keyInfo: { label: 'my key', limit: 10, usage: 2.5 },
  });
});
afterAll(async () => {
  await Promise.all([openai.close(), openrouter.close()]);
});

async function call(fake: OpenAICompatibleFake, path: string, body?: unknown, key = KEY) {
  const response = await fetch(`${fake.baseURL}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const hello = [{ role: 'user', content: 'hello there' }];

describe('OpenAI-compatible fake', () => {
  test('lists models in the OpenAI shape', async () => {
    expect(openai.baseURL).toBe(`${openai.url}/v1`);
    const { status, text } = await call(openai, '/models');
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      object: 'list',
      data: [{ id: 'chat-a', object: 'model', created: 1_700_000_000, owned_by: 'acme' }],
    });
  });

  test('answers a chat completion deterministically with usage', async () => {
    const { text } = await call(openai, '/chat/completions', { model: 'chat-a', messages: hello });
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'chat-a',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'chat-a heard: hello there' }, finish_reason: 'stop' },
      ],
      // "hello there" is 11 characters → 3 prompt tokens; the answer is 4 words.
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      system_fingerprint: 'fp_fake',
    });
    expect(body.id).toMatch(/^chatcmpl-fake-\d+$/);
  });

  test('max_tokens (or max_completion_tokens) cuts the answer with finish_reason "length"; stop cuts it', async () => {
    const cut = JSON.parse(
      (await call(openai, '/chat/completions', { model: 'chat-a', messages: hello, max_tokens: 2 })).text,
    );
    expect(cut.choices[0]).toMatchObject({ message: { content: 'chat-a heard: ' }, finish_reason: 'length' });
    const newer = JSON.parse(
      (
        await call(openai, '/chat/completions', {
          model: 'chat-a',
          messages: hello,
          max_tokens: 9,
          max_completion_tokens: 1,
        })
      ).text,
    );
    expect(newer.choices[0].message.content).toBe('chat-a ');
    const stopped = JSON.parse(
      (await call(openai, '/chat/completions', { model: 'chat-a', messages: hello, stop: 'there' })).text,
    );
    expect(stopped.choices[0]).toMatchObject({ message: { content: 'chat-a heard: hello ' }, finish_reason: 'stop' });
  });

  test('streams SSE chunks: role, one per word, finish, usage when asked, [DONE]', async () => {
    const { headers, text } = await call(openai, '/chat/completions', {
      model: 'chat-a',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(headers.get('content-type')).toBe('text/event-stream');
    const events = text
      .split('\n\n')
      .filter(Boolean)
      .map((event) => event.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? null)).toEqual([
      '',
      'chat-a ',
      'heard: ',
      'hello ',
      'there',
      null,
      null,
    ]);
    expect(chunks[5].choices[0].finish_reason).toBe('stop');
    expect(chunks[6]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    const withoutUsage = await call(openai, '/chat/completions', { model: 'chat-a', messages: hello, stream: true });
    expect(withoutUsage.text).not.toContain('"usage"');
  });

  test('errors: wrong key 401 echoing what was sent, unknown model 404, bad body 400, context overflow 400', async () => {
    const denied = await call(openai, '/models', undefined, 'wrong-key');
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.text)).toEqual({
      error: {
        message: 'Incorrect API key provided: wrong-key',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
    const unknown = await call(openai, '/chat/completions', { model: 'nope', messages: hello });
    expect([unknown.status, JSON.parse(unknown.text).error.code]).toEqual([404, 'model_not_found']);
    const bad = await call(openai, '/chat/completions', { model: 'chat-a', messages: [] });
    expect(bad.status).toBe(400);
    // 3 prompt tokens + 38 requested = 41 > 40.
    const overflow = await call(openai, '/chat/completions', { model: 'chat-a', messages: hello, max_tokens: 38 });
    expect([overflow.status, JSON.parse(overflow.text).error.code]).toEqual([400, 'context_length_exceeded']);
    expect((await call(openai, '/chat/completions', { model: 'chat-a', messages: hello, max_tokens: 37 })).status).toBe(
      200,
    );
    expect((await call(openai, '/key')).status).toBe(404);
  });

  test('without apiKey every request is accepted; a custom answer function is used', async () => {
    const open = await startOpenAICompatibleFake({
      models: [{ id: 'm' }],
      answer: ({ messages }) => `${messages.length} messages`,
    });
    try {
      const body = JSON.parse(
        (await call(open, '/chat/completions', { model: 'm', messages: [...hello, ...hello] }, '')).text,
      );
      expect(body.choices[0].message.content).toBe('2 messages');
    } finally {
      await open.close();
    }
  });
});

describe('OpenRouter fake', () => {
  test('lists models in OpenRouter’s schema with string prices in USD per token', async () => {
    expect(openrouter.baseURL).toBe(`${openrouter.url}/api/v1`);
    const { data } = JSON.parse((await call(openrouter, '/models')).text);
    expect(data[0]).toMatchObject({
      id: 'vendor/model-x',
      name: 'Model X',
      context_length: 128_000,
      pricing: { prompt: '0.000003', completion: '0.000015', request: '0' },
      top_provider: { context_length: 128_000, max_completion_tokens: 4_096, is_moderated: false },
      architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'] },
    });
    expect(data[0].supported_parameters).toContain('temperature');
    expect(data[1]).toMatchObject({
      pricing: { prompt: '0', completion: '0' },
      architecture: { modality: 'text+image->text' },
      supported_parameters: ['tools', 'max_tokens'],
      context_length: null,
    });
  });

  test('the listing needs no key; the key endpoint does and reports limit and usage', async () => {
    expect((await call(openrouter, '/models', undefined, 'whatever')).status).toBe(200);
    expect(JSON.parse((await call(openrouter, '/key')).text)).toEqual({
      data: {
        label: 'my key',
        limit: 10,
        usage: 2.5,
        limit_remaining: 7.5,
        is_free_tier: false,
        is_provisioning_key: false,
        rate_limit: { requests: 1000, interval: '10s' },
      },
    });
    const denied = await call(openrouter, '/key', undefined, 'bad');
    expect([denied.status, JSON.parse(denied.text)]).toEqual([
      401,
      { error: { code: 401, message: 'Incorrect API key provided: bad' } },
    ]);
  });

  test('chat answers carry the upstream provider; streams start with a processing comment and end with usage', async () => {
    const body = JSON.parse(
      (await call(openrouter, '/chat/completions', { model: 'vendor/model-x', messages: hello })).text,
    );
    expect(body.provider).toBe('FakeUpstream');
    const { text } = await call(openrouter, '/chat/completions', {
      model: 'vendor/model-x',
      messages: hello,
      stream: true,
    });
    expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(text).toContain('"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}');
    const unknown = await call(openrouter, '/chat/completions', { model: 'nope/x', messages: hello });
    expect([unknown.status, JSON.parse(unknown.text)]).toEqual([
      404,
      { error: { code: 404, message: 'No endpoints found for nope/x.' } },
    ]);
  });

  test('a key endpoint without keyInfo reports no limit', async () => {
    const plain = await startOpenRouterFake({ models: [] });
    try {
      expect(JSON.parse((await call(plain, '/key')).text).data).toMatchObject({
        limit: null,
        usage: 0,
        limit_remaining: null,
        is_free_tier: false,
      });
    } finally {
      await plain.close();
    }
  });
});
