import { describe, expect, test } from 'vitest';
import { eventStreamBody, ndjson, ndjsonBody, OPENAI_STREAM_PATTERN, sseEvent, type V4ResponseBuilder } from './index';

/** A stand-in for Pact's builder that records what the helpers hand it. */
function recordingBuilder() {
  const calls: { body?: [string, string]; rules?: unknown } = {};
  const builder = {
    interaction: { withResponseBody: (body: string, contentType: string) => (calls.body = [body, contentType]) },
    matchingRules: (rules: unknown) => {
      calls.rules = rules;
      return builder;
    },
  };
  return { builder: builder as unknown as V4ResponseBuilder, calls };
}

const ruleOf = (rules: unknown) => (rules as { body: { path: string; rules: Record<string, unknown>[] }[] }).body[0];

describe('Pact text bodies', () => {
  test('sseEvent and ndjson write the framing byte for byte', () => {
    expect(sseEvent({ a: 1 })).toBe('data: {"a":1}\n\n');
    expect(ndjson([{ a: 1 }, { done: true }])).toBe('{"a":1}\n{"done":true}\n');
    expect(ndjson([])).toBe('');
  });

  test('eventStreamBody sends the example as text/event-stream, matched by the OpenAI stream pattern', () => {
    const { builder, calls } = recordingBuilder();
    const example = `${sseEvent({ choices: [{ finish_reason: 'stop' }] })}data: [DONE]\n\n`;
    eventStreamBody(builder, example);
    expect(calls.body).toEqual([example, 'text/event-stream']);
    const rule = ruleOf(calls.rules);
    expect(rule?.path).toBe('$');
    expect(rule?.rules[0]).toEqual({ 'pact:matcher:type': 'regex', regex: OPENAI_STREAM_PATTERN, value: example });
  });

  test('the OpenAI stream pattern needs a finish reason and a final [DONE]', () => {
    const pattern = new RegExp(OPENAI_STREAM_PATTERN);
    const done = 'data: [DONE]\n\n';
    expect(pattern.test(`${sseEvent({ finish_reason: 'stop' })}${done}`)).toBe(true);
    expect(pattern.test(`${sseEvent({ finish_reason: 'length' })}${done}`)).toBe(true);
    expect(pattern.test(`${sseEvent({ finish_reason: null })}${done}`)).toBe(false);
    expect(pattern.test(sseEvent({ finish_reason: 'stop' }))).toBe(false);
    expect(pattern.test(`${done}${sseEvent({ finish_reason: 'stop' })}`)).toBe(false);
  });

  test('ndjsonBody sends the example as application/x-ndjson with the given pattern', () => {
    const { builder, calls } = recordingBuilder();
    ndjsonBody(builder, '{"done":true}\n', '"done":true');
    expect(calls.body).toEqual(['{"done":true}\n', 'application/x-ndjson']);
    expect(ruleOf(calls.rules)?.rules[0]).toEqual({
      'pact:matcher:type': 'regex',
      regex: '"done":true',
      value: '{"done":true}\n',
    });
  });
});
