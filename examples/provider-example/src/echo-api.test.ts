import { describe, expect, test } from 'vitest';
import { readEchoChatResponse, readEchoErrorBody, readEchoModelList, readEchoStreamEvent } from './echo-api';

describe('readEchoModelList', () => {
  test('reads every field, and tolerates fields it does not use', () => {
    const result = readEchoModelList({
      models: [
        {
          id: 'echo/small:v1',
          name: 'Echo Small',
          context_tokens: 8192,
          max_output_tokens: 1024,
          price_per_million: { input: 0.5, output: 1.5 },
          free: false,
          owner: 'echo-labs',
        },
      ],
      next_page: null,
    });
    expect(result).toEqual({
      success: true,
      data: [
        {
          id: 'echo/small:v1',
          name: 'Echo Small',
          contextTokens: 8192,
          maxOutputTokens: 1024,
          pricePerMillion: { input: 0.5, output: 1.5 },
          isFree: false,
        },
      ],
    });
  });

  test('absent and null facts are unknown (null), never guessed; only `free: true` is free', () => {
    const result = readEchoModelList({
      models: [
        { id: 'a', name: null, price_per_million: null },
        { id: 'b', price_per_million: { input: 0 } },
        { id: 'c', free: 'yes' },
      ],
    });
    expect(result.success && result.data).toEqual([
      {
        id: 'a',
        name: null,
        contextTokens: null,
        maxOutputTokens: null,
        pricePerMillion: { input: null, output: null },
        isFree: false,
      },
      {
        id: 'b',
        name: null,
        contextTokens: null,
        maxOutputTokens: null,
        pricePerMillion: { input: 0, output: null },
        isFree: false,
      },
      {
        id: 'c',
        name: null,
        contextTokens: null,
        maxOutputTokens: null,
        pricePerMillion: { input: null, output: null },
        isFree: false,
      },
    ]);
  });

  test.each([
    [null, '(root): expected an object, received null'],
    [[], '(root): expected an object, received an array of 0'],
    [{}, 'models: expected an array, received nothing (undefined)'],
    [{ models: [3] }, 'models[0]: expected an object, received 3'],
    [{ models: [{ id: 7 }] }, 'models[0].id: expected a string, received 7'],
    [{ models: [{ id: 'a' }, { id: 'b', name: 5 }] }, 'models[1].name: expected a string, received 5'],
    [{ models: [{ id: 'a', context_tokens: 1.5 }] }, 'models[0].context_tokens: expected an integer ≥ 0, received 1.5'],
    [{ models: [{ id: 'a', context_tokens: -1 }] }, 'models[0].context_tokens: expected an integer ≥ 0, received -1'],
    [
      { models: [{ id: 'a', max_output_tokens: '9' }] },
      'models[0].max_output_tokens: expected an integer ≥ 0, received "9"',
    ],
    [{ models: [{ id: 'a', price_per_million: 2 }] }, 'models[0].price_per_million: expected an object, received 2'],
    [
      { models: [{ id: 'a', price_per_million: { input: -0.5 } }] },
      'models[0].price_per_million.input: expected a number ≥ 0, received -0.5',
    ],
    [
      { models: [{ id: 'a', price_per_million: { output: Number.POSITIVE_INFINITY } }] },
      'models[0].price_per_million.output: expected a number ≥ 0, received Infinity',
    ],
  ])('%j is refused: %s', (body, issue) => {
    expect(readEchoModelList(body)).toEqual({ success: false, issue });
  });

  test('0 is a value at every boundary (context, output, price)', () => {
    const result = readEchoModelList({
      models: [{ id: 'a', context_tokens: 0, max_output_tokens: 0, price_per_million: { input: 0, output: 0 } }],
    });
    expect(result.success && result.data[0]).toMatchObject({
      contextTokens: 0,
      maxOutputTokens: 0,
      pricePerMillion: { input: 0, output: 0 },
    });
  });
});

describe('readEchoChatResponse', () => {
  test('reads the answer, its finish reason, usage and request id', () => {
    expect(
      readEchoChatResponse({
        id: 'chat-7',
        model: 'echo/small:v1',
        text: 'hi',
        finish_reason: 'length',
        usage: { input_tokens: 3, output_tokens: 1, cost_usd: 0.0000015 },
      }),
    ).toEqual({
      success: true,
      data: {
        requestId: 'chat-7',
        text: 'hi',
        finishReason: 'length',
        usage: { inputTokens: 3, outputTokens: 1, costUsd: 0.0000015 },
      },
    });
  });

  test.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'other'],
    ['', 'other'],
  ])('finish_reason %j reads as %j', (wire, reason) => {
    const result = readEchoChatResponse({ text: '', finish_reason: wire });
    expect(result.success && result.data.finishReason).toBe(reason);
  });

  test('a missing id and usage read as unknown', () => {
    expect(readEchoChatResponse({ text: 'x', finish_reason: 'stop' })).toEqual({
      success: true,
      data: {
        requestId: null,
        text: 'x',
        finishReason: 'stop',
        usage: { inputTokens: null, outputTokens: null, costUsd: null },
      },
    });
  });

  test.each([
    ['{}', {}, 'text: expected a string, received nothing (undefined)'],
    ['a number text', { text: 1, finish_reason: 'stop' }, 'text: expected a string, received 1'],
    ['no finish reason', { text: 'x' }, 'finish_reason: expected a string, received nothing (undefined)'],
    ['an id of the wrong type', { id: 5, text: 'x', finish_reason: 'stop' }, 'id: expected a string, received 5'],
    [
      'usage not an object',
      { text: 'x', finish_reason: 'stop', usage: 'n/a' },
      'usage: expected an object, received "n/a"',
    ],
    [
      'negative tokens',
      { text: 'x', finish_reason: 'stop', usage: { input_tokens: -1 } },
      'usage.input_tokens: expected an integer ≥ 0, received -1',
    ],
    [
      'fractional tokens',
      { text: 'x', finish_reason: 'stop', usage: { output_tokens: 2.5 } },
      'usage.output_tokens: expected an integer ≥ 0, received 2.5',
    ],
    [
      'a negative cost',
      { text: 'x', finish_reason: 'stop', usage: { cost_usd: -0.1 } },
      'usage.cost_usd: expected a number ≥ 0, received -0.1',
    ],
  ])('%s is refused', (_name, body, issue) => {
    expect(readEchoChatResponse(body)).toEqual({ success: false, issue });
  });
});

describe('readEchoStreamEvent', () => {
  test('a delta line', () => {
    expect(readEchoStreamEvent({ type: 'delta', text: 'he' })).toEqual({
      success: true,
      data: { type: 'delta', text: 'he' },
    });
  });

  test('a done line', () => {
    expect(
      readEchoStreamEvent({ type: 'done', finish_reason: 'stop', usage: { input_tokens: 2, output_tokens: 4 } }),
    ).toEqual({
      success: true,
      data: { type: 'done', finishReason: 'stop', usage: { inputTokens: 2, outputTokens: 4, costUsd: null } },
    });
  });

  test('an unknown event type is ignored, not refused (a newer server may add some)', () => {
    expect(readEchoStreamEvent({ type: 'heartbeat' })).toEqual({ success: true, data: { type: 'ignored' } });
  });

  test.each([
    [[1], '(line): expected an object, received an array of 1'],
    [{ text: 'x' }, 'type: expected a string, received nothing (undefined)'],
    [{ type: 'delta' }, 'text: expected a string, received nothing (undefined)'],
    [{ type: 'done' }, 'finish_reason: expected a string, received nothing (undefined)'],
  ])('%j is refused: %s', (line, issue) => {
    expect(readEchoStreamEvent(line)).toEqual({ success: false, issue });
  });
});

describe('readEchoErrorBody', () => {
  test('reads code and message', () => {
    expect(readEchoErrorBody('{"error":{"code":"rate_limited","message":"slow down"}}')).toEqual({
      code: 'rate_limited',
      message: 'slow down',
    });
  });

  test.each([
    ['not JSON', '<html>502 Bad Gateway</html>'],
    ['JSON null', 'null'],
    ['no error object', '{"message":"x"}'],
    ['an error string', '{"error":"x"}'],
  ])('%s reads as nothing', (_name, text) => {
    expect(readEchoErrorBody(text)).toEqual({ code: null, message: null });
  });

  test('fields of the wrong type read as null, one by one', () => {
    expect(readEchoErrorBody('{"error":{"code":429,"message":"busy"}}')).toEqual({ code: null, message: 'busy' });
    expect(readEchoErrorBody('{"error":{"code":"busy","message":["a"]}}')).toEqual({ code: 'busy', message: null });
  });
});
