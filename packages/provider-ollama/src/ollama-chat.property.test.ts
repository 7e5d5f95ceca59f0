import { GENERATION_OPTIONS, type GenerateRequest } from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatBody, loadMsOf, tokensPerSecondOf, usageOf } from './ollama-chat';

const count = fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined });
const nanoseconds = fc.option(fc.nat({ max: 2_000_000_000_000 }), { nil: undefined });

describe('server counters (properties)', () => {
  it('usage is the reported counts, and the total is their sum exactly when both are known', () => {
    fc.assert(
      fc.property(count, count, (prompt, evaluated) => {
        const usage = usageOf({ prompt_eval_count: prompt, eval_count: evaluated });
        expect(usage.inputTokens).toBe(prompt ?? null);
        expect(usage.outputTokens).toBe(evaluated ?? null);
        expect(usage.totalTokens).toBe(prompt === undefined || evaluated === undefined ? null : prompt + evaluated);
      }),
    );
  });

  it('tokens per second times the generation time gives back the token count', () => {
    fc.assert(
      fc.property(count, nanoseconds, (evaluated, duration) => {
        const rate = tokensPerSecondOf({ eval_count: evaluated, eval_duration: duration });
        if (evaluated === undefined || duration === undefined || duration === 0) expect(rate).toBeNull();
        else expect((rate as number) * (duration / 1e9)).toBeCloseTo(evaluated, 6);
      }),
    );
  });

  it('the load time is the load duration in ms, 0 included', () => {
    fc.assert(
      fc.property(nanoseconds, (duration) => {
        expect(loadMsOf({ load_duration: duration })).toBe(duration === undefined ? null : duration / 1e6);
      }),
    );
  });
});

const optionValues = fc.record(
  {
    maxOutputTokens: fc.nat({ max: 4096 }),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    topP: fc.double({ min: 0, max: 1, noNaN: true }),
    topK: fc.nat({ max: 100 }),
    stop: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }),
    seed: fc.integer(),
    presencePenalty: fc.double({ min: -2, max: 2, noNaN: true }),
    frequencyPenalty: fc.double({ min: -2, max: 2, noNaN: true }),
  },
  { requiredKeys: [] },
);

const FIELDS = {
  maxOutputTokens: 'num_predict',
  temperature: 'temperature',
  topP: 'top_p',
  topK: 'top_k',
  stop: 'stop',
  seed: 'seed',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
} as const;

describe('chatBody (properties)', () => {
  it('sends exactly the options that are set, each with its value (0 is a value), under its Ollama name', () => {
    fc.assert(
      fc.property(optionValues, (values) => {
        const request: GenerateRequest = { messages: [{ role: 'user', content: 'hi' }], ...values };
        const body = chatBody(request, 'm', GENERATION_OPTIONS, {}, {});
        const expected = Object.fromEntries(
          Object.entries(values).map(([name, value]) => [FIELDS[name as keyof typeof FIELDS], value]),
        );
        expect(body.options ?? {}).toEqual(expected);
      }),
    );
  });
});
