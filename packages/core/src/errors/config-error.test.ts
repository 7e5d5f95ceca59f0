import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { modelInfoSchema } from '../model/model-info';
import { modelRequirementsSchema } from '../selection/requirements';
import { ConfigError, parseWithSchema } from './config-error';
import { ModelyardError } from './modelyard-error';

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('ConfigError', () => {
  it('lists every issue under the subject, one line each', () => {
    const error = new ConfigError('ModelRequirements', [
      { path: 'maxLatencyMs', expected: 'a number ≥ 0', received: '-5' },
      { path: 'providers.allow[1]', expected: 'a string', received: '3' },
    ]);
    expect(error.message).toBe(
      'Invalid ModelRequirements:\n  - maxLatencyMs: expected a number ≥ 0, received -5\n  - providers.allow[1]: expected a string, received 3',
    );
    expect(error.name).toBe('ConfigError');
    expect(error.subject).toBe('ModelRequirements');
    expect(error.issues).toEqual([
      { path: 'maxLatencyMs', expected: 'a number ≥ 0', received: '-5' },
      { path: 'providers.allow[1]', expected: 'a string', received: '3' },
    ]);
  });

  it('is a bad_request that is never retryable, with no status or identity', () => {
    const error = new ConfigError('thing', []);
    expect(error).toMatchObject({
      kind: 'bad_request',
      retryable: false,
      retryAfterMs: null,
      statusCode: null,
      providerId: null,
      modelId: null,
    });
  });

  it('is recognised by both isInstance checks, a plain ModelyardError only by the base one', () => {
    const error = new ConfigError('thing', []);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(ModelyardError.isInstance(error)).toBe(true);
    expect(ConfigError.isInstance(new ModelyardError({ kind: 'bad_request', message: 'x' }))).toBe(false);
    expect(ConfigError.isInstance({ [Symbol.for('@modelyard/core.config-error')]: true })).toBe(true);
    expect(ConfigError.isInstance(null)).toBe(false);
    expect(ConfigError.isInstance('ConfigError')).toBe(false);
  });

  it('redacts secret shapes from its issues as well as from its message', () => {
    const error = new ConfigError('settings', [
      { path: 'baseURL', expected: 'a valid url', received: '"https://x.test/?api_key=abcd1234"' },
    ]);
    const line = '  - baseURL: expected a valid url, received "https://x.test/?api_key=[REDACTED]"';
    expect(error.message).toBe(`Invalid settings:\n${line}`);
    expect(error.issues[0]?.received).toBe('"https://x.test/?api_key=[REDACTED]"');
    expect(JSON.stringify(error)).not.toContain('abcd1234');
  });

  it('serializes subject and issues but no cause', () => {
    const error = new ConfigError('thing', [{ path: 'a', expected: 'a string', received: '1' }], {
      cause: new Error('inner'),
    });
    expect(error.toJSON()).toEqual({
      name: 'ConfigError',
      kind: 'bad_request',
      message: 'Invalid thing:\n  - a: expected a string, received 1',
      retryable: false,
      retryAfterMs: null,
      statusCode: null,
      providerId: null,
      modelId: null,
      subject: 'thing',
      issues: [{ path: 'a', expected: 'a string', received: '1' }],
    });
    expect(error.cause).toEqual(new Error('inner'));
  });
});

describe('parseWithSchema', () => {
  it('returns the parsed value with defaults applied', () => {
    expect(parseWithSchema(z.object({ a: z.number().default(3) }), {}, 'thing')).toEqual({ a: 3 });
  });

  it('throws the exact message for a negative latency cap', () => {
    const error = configErrorOf(() =>
      parseWithSchema(modelRequirementsSchema, { maxLatencyMs: -5 }, 'ModelRequirements'),
    );
    expect(error.message).toBe('Invalid ModelRequirements:\n  - maxLatencyMs: expected a number ≥ 0, received -5');
    expect(error.issues).toEqual([{ path: 'maxLatencyMs', expected: 'a number ≥ 0', received: '-5' }]);
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('names an unknown field of a strict schema', () => {
    const error = configErrorOf(() =>
      parseWithSchema(modelRequirementsSchema, { maxLatency: 500 }, 'ModelRequirements'),
    );
    expect(error.message).toBe(
      'Invalid ModelRequirements:\n  - (root): expected only known fields, received unknown field "maxLatency"',
    );
  });

  it('lists every problem of one input, with nested paths', () => {
    const error = configErrorOf(() =>
      parseWithSchema(
        modelInfoSchema,
        { providerId: 'Open Router', modelId: '', providerKind: 'x', locality: 'moon', pricing: { inputPerToken: -1 } },
        'ModelInfo',
      ),
    );
    expect(error.message).toBe(
      [
        'Invalid ModelInfo:',
        '  - providerId: expected a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters, received "Open Router"',
        '  - modelId: expected a string of ≥ 1 characters, received ""',
        '  - locality: expected one of "local", "remote", received "moon"',
        '  - pricing.inputPerToken: expected a number ≥ 0, received -1',
      ].join('\n'),
    );
  });

  it('never shows the value of a secret-named field, and keeps the message readable', () => {
    const schema = z.strictObject({ apiKey: z.string().min(40), headers: z.record(z.string(), z.string()) });
    const error = configErrorOf(() =>
      parseWithSchema(
        schema,
        { apiKey: 'hunter2hunter2', headers: { Authorization: 12345678 } },
        'OpenRouter settings',
      ),
    );
    expect(error.message).toBe(
      [
        'Invalid OpenRouter settings:',
        '  - apiKey: expected a string of ≥ 40 characters, received a string (hidden: secret field)',
        '  - headers.Authorization: expected a string, received a number (hidden: secret field)',
      ].join('\n'),
    );
    for (const shown of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)]) {
      expect(shown).not.toContain('hunter2hunter2');
      expect(shown).not.toContain('12345678');
    }
  });

  it('hides well-known key shapes even in fields without a secret name', () => {
    const error = configErrorOf(() =>
      parseWithSchema(z.object({ model: z.number() }), { model: 'sk-or-v1-0123456789abcdef' }, 'thing'),
    );
    expect(error.message).toBe('Invalid thing:\n  - model: expected a number, received "[REDACTED]"');
    expect(JSON.stringify(error)).not.toContain('0123456789abcdef');
    expect(inspect(error)).not.toContain('0123456789abcdef');
  });

  it('shows counts named "…Tokens", which are not secrets', () => {
    const error = configErrorOf(() =>
      parseWithSchema(z.object({ maxOutputTokens: z.int().min(0) }), { maxOutputTokens: -1 }, 'request'),
    );
    expect(error.message).toBe('Invalid request:\n  - maxOutputTokens: expected a number ≥ 0, received -1');
  });

  it('names the accepted types of a union', () => {
    const schema = z.object({ content: z.union([z.string(), z.array(z.string())]) });
    const error = configErrorOf(() => parseWithSchema(schema, { content: 5 }, 'message'));
    expect(error.message).toBe('Invalid message:\n  - content: expected a string or an array, received 5');
  });

  it('reports the root when the value itself is wrong', () => {
    const error = configErrorOf(() => parseWithSchema(z.object({}), 'nope', 'thing'));
    expect(error.message).toBe('Invalid thing:\n  - (root): expected an object, received "nope"');
  });
});
