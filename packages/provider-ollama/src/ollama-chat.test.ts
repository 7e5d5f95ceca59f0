import { ConfigError, GENERATION_OPTIONS, isErrorOfKind } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  chatBody,
  chatMessagesOf,
  finishReasonOf,
  formatOf,
  keepAliveOf,
  loadMsOf,
  ollamaRequestExtras,
  serverDurationsOf,
  serverTimeToFirstTokenMsOf,
  tokensPerSecondOf,
  usageOf,
} from './ollama-chat';

// The final line of a streamed answer in Ollama's API documentation (/api/generate).
const DOCUMENTED_COUNTERS = {
  done_reason: 'stop',
  total_duration: 10_706_818_083,
  load_duration: 6_338_219_291,
  prompt_eval_count: 26,
  prompt_eval_duration: 130_079_000,
  eval_count: 259,
  eval_duration: 4_232_710_000,
};

describe('usage and timings from the server counters', () => {
  it('reads the documented example: 26 + 259 tokens, 259 / 4.23271 s = 61.19 tokens/s, 6338.2 ms loading', () => {
    expect(usageOf(DOCUMENTED_COUNTERS)).toEqual({ inputTokens: 26, outputTokens: 259, totalTokens: 285 });
    expect(tokensPerSecondOf(DOCUMENTED_COUNTERS)).toBeCloseTo(61.190_112, 5);
    expect(loadMsOf(DOCUMENTED_COUNTERS)).toBeCloseTo(6338.219_291, 6);
    // (10,706,818,083 − 4,232,710,000) ns before the first generated token.
    expect(serverTimeToFirstTokenMsOf(DOCUMENTED_COUNTERS)).toBeCloseTo(6474.108_083, 6);
    expect(serverDurationsOf(DOCUMENTED_COUNTERS)).toEqual({
      serverTotalMs: 10_706.818_083,
      promptEvalMs: 130.079,
      evalMs: 4232.71,
    });
  });

  it('takes 100 tokens in 2 s as 50 tokens/s, and a load of 0 ns as 0 ms (a value, not unknown)', () => {
    const counters = { eval_count: 100, eval_duration: 2_000_000_000, load_duration: 0 };
    expect(tokensPerSecondOf(counters)).toBe(50);
    expect(loadMsOf(counters)).toBe(0);
  });

  it('leaves unknown what the server did not report, and never divides by a zero duration', () => {
    expect(usageOf({})).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null });
    // A prompt read from the cache may come without prompt_eval_count: input unknown, so the total too.
    expect(usageOf({ eval_count: 4 })).toEqual({ inputTokens: null, outputTokens: 4, totalTokens: null });
    expect(usageOf({ prompt_eval_count: -1, eval_count: 2.5 })).toEqual({
      inputTokens: null,
      outputTokens: null,
      totalTokens: null,
    });
    expect(tokensPerSecondOf({ eval_count: 5, eval_duration: 0 })).toBeNull();
    expect(tokensPerSecondOf({ eval_count: 5 })).toBeNull();
    expect(tokensPerSecondOf({ eval_duration: 5 })).toBeNull();
    expect(loadMsOf({ load_duration: null })).toBeNull();
    expect(loadMsOf({ load_duration: Number.NaN })).toBeNull();
    expect(serverTimeToFirstTokenMsOf({ total_duration: 5 })).toBeNull();
    expect(serverTimeToFirstTokenMsOf({ eval_duration: 5 })).toBeNull();
    // A server whose total is below its generation time reports no negative wait.
    expect(serverTimeToFirstTokenMsOf({ total_duration: 5, eval_duration: 9 })).toBe(0);
    expect(serverDurationsOf({ eval_duration: 3_000_000 })).toEqual({ evalMs: 3 });
  });

  it('maps done_reason to core finish reasons', () => {
    expect(finishReasonOf('stop')).toBe('stop');
    expect(finishReasonOf('length')).toBe('length');
    expect(finishReasonOf('load')).toBe('other');
    expect(finishReasonOf('')).toBe('unknown');
    expect(finishReasonOf(null)).toBe('unknown');
    expect(finishReasonOf(undefined)).toBe('unknown');
  });
});

describe('chatBody', () => {
  const hello = { messages: [{ role: 'user' as const, content: 'Hello' }] };

  it('sends every set option in Ollama names, 0 included, and the format for JSON', () => {
    const body = chatBody(
      {
        ...hello,
        system: 'Be brief',
        maxOutputTokens: 0,
        temperature: 0,
        topP: 0.5,
        topK: 7,
        stop: ['END'],
        seed: 42,
        presencePenalty: 0.25,
        frequencyPenalty: -0.5,
        responseFormat: { type: 'json' },
      },
      'llama3.2:1b',
      GENERATION_OPTIONS,
      {},
      {},
    );
    expect(body).toEqual({
      model: 'llama3.2:1b',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hello' },
      ],
      options: {
        num_predict: 0,
        temperature: 0,
        top_p: 0.5,
        top_k: 7,
        stop: ['END'],
        seed: 42,
        presence_penalty: 0.25,
        frequency_penalty: -0.5,
      },
      format: 'json',
    });
  });

  it('sends nothing it was not given: no options, no format, no keep_alive', () => {
    expect(chatBody(hello, 'm', GENERATION_OPTIONS, {}, {})).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('leaves out the options the server does not support', () => {
    const body = chatBody({ ...hello, temperature: 0.3, topK: 5 }, 'm', ['temperature'], {}, {});
    expect(body.options).toEqual({ temperature: 0.3 });
  });

  it('repeats the loaded model options and keep-alive, and passes the extras through', () => {
    const body = chatBody(
      { ...hello, temperature: 1 },
      'm',
      GENERATION_OPTIONS,
      { contextLength: 8192, gpuLayers: 0, keepAliveMs: 600_000 },
      { options: { repeat_penalty: 1.1 }, think: 'low' },
    );
    expect(body).toMatchObject({
      options: { repeat_penalty: 1.1, num_ctx: 8192, num_gpu: 0, temperature: 1 },
      keep_alive: '600000ms',
      think: 'low',
    });
  });

  it('reads formats: text → nothing, JSON → "json", a schema → the schema itself', () => {
    const schema = { type: 'object', properties: { age: { type: 'integer' } } };
    expect(formatOf(undefined)).toBeUndefined();
    expect(formatOf({ type: 'text' })).toBeUndefined();
    expect(formatOf({ type: 'json' })).toBe('json');
    expect(formatOf({ type: 'json', schema, name: 'person' })).toBe(schema);
  });

  it('writes keep-alives as Go durations, and 0 as the number Ollama documents for unloading', () => {
    expect(keepAliveOf(0)).toBe(0);
    expect(keepAliveOf(1500)).toBe('1500ms');
  });
});

describe('chatMessagesOf', () => {
  it('joins text parts and sends images as base64 data, from data or a data: URL', () => {
    const messages = chatMessagesOf(
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', data: 'aGVsbG8=', mediaType: 'image/png' },
              { type: 'image', url: 'data:image/jpeg;base64,d29ybGQ=' },
              { type: 'text', text: 'Be short.' },
            ],
          },
        ],
      },
      'llava',
    );
    expect(messages).toEqual([{ role: 'user', content: 'What is this?\nBe short.', images: ['aGVsbG8=', 'd29ybGQ='] }]);
  });

  it('refuses image URLs, which Ollama cannot fetch, with a bad_request naming the fix', () => {
    const run = () =>
      chatMessagesOf(
        { messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }] },
        'llava',
      );
    expect(run).toThrow(/base64 data, not as URLs/);
    try {
      run();
    } catch (error) {
      expect(isErrorOfKind(error, 'bad_request')).toBe(true);
    }
  });
});

describe('ollamaRequestExtras', () => {
  it('is empty without providerOptions.ollama, and validates it when present', () => {
    expect(ollamaRequestExtras(undefined)).toEqual({});
    expect(ollamaRequestExtras({ openrouter: { models: [] } })).toEqual({});
    expect(ollamaRequestExtras({ ollama: { options: { min_p: 0.05 }, think: true } })).toEqual({
      options: { min_p: 0.05 },
      think: true,
    });
  });

  it('rejects options the request or loadModel set, and unknown fields, naming them', () => {
    for (const [options, path] of [
      [{ options: { temperature: 1 } }, 'options.temperature'],
      [{ options: { num_ctx: 4096 } }, 'options.num_ctx'],
      [{ think: 'very' }, 'think'],
      [{ keep_alive: 0 }, '(root)'],
    ] as const) {
      try {
        ollamaRequestExtras({ ollama: options as Record<string, unknown> });
        expect.unreachable(`${JSON.stringify(options)} was accepted`);
      } catch (error) {
        expect(ConfigError.isInstance(error)).toBe(true);
        expect((error as ConfigError).issues.map((issue) => issue.path)).toContain(path);
      }
    }
  });
});
