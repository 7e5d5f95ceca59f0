// The building blocks other providers reuse (README "Building on this package"), driven through
// their hooks as a made-up service "Acme" would: its own name in messages, an extra answer field
// (`region`), its own error body and status reading.
import { type GenerateRequest, isErrorOfKind, ModelyardError, type StreamPart } from '@modelyard/core';
import { createFakeClock, type OpenAICompatibleFake, startOpenAICompatibleFake } from '@modelyard/testkit';
import { APIError, APIUserAbortError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chatCompletionChunkSchema, chatCompletionSchema, serverErrorBodySchema } from './custom-api';
import { createOpenAIClient } from './custom-client';
import {
  classifyOpenAICompatibleError,
  isContextLengthError,
  type OpenAICompatibleErrorRules,
  openAICompatibleHttpError,
} from './custom-error';
import {
  type ChatAnswerFacts,
  createOpenAICompatibleModel,
  type OpenAICompatibleModelOptions,
} from './custom-language-model';

const acmeBodySchema = serverErrorBodySchema.extend({ reason: z.string().nullish() });
const acmeRules: OpenAICompatibleErrorRules<z.output<typeof acmeBodySchema>> = {
  serverName: 'Acme',
  abortedMessage: 'The Acme call was aborted',
  bodySchema: acmeBodySchema,
  kindOf: (status, body) => (status === 451 && body?.reason === 'legal' ? 'content_filter' : 'unavailable'),
  meaningOf: (status, kind) => (kind === 'content_filter' ? 'blocked' : status === 503 ? 'resting' : undefined),
};
const errorContext = { providerId: 'acme', modelId: 'a1', secrets: ['sk-acme-secret'], nowMs: 0 };

describe('openAICompatibleHttpError and classifyOpenAICompatibleError with rules', () => {
  it('reads the status by kindOf, with the meaning before the body message', () => {
    const blocked = openAICompatibleHttpError(
      451,
      { error: { message: 'not here', reason: 'legal' } },
      new Headers({ 'retry-after': '4' }),
      errorContext,
      acmeRules,
    );
    expect(blocked).toMatchObject({
      kind: 'content_filter',
      statusCode: 451,
      retryAfterMs: 4000,
      message: 'Acme answered 451 (blocked: not here)',
    });
    expect(openAICompatibleHttpError(503, {}, undefined, errorContext, acmeRules).message).toBe(
      'Acme answered 503 (resting)',
    );
    // An empty server message adds nothing (no trailing ": ").
    expect(openAICompatibleHttpError(503, { error: { message: '' } }, undefined, errorContext, acmeRules).message).toBe(
      'Acme answered 503 (resting)',
    );
    // A body that does not fit the service's schema is ignored: no detail, kindOf sees nothing.
    const unreadable = openAICompatibleHttpError(451, { reason: 7, message: 'x' }, undefined, errorContext, acmeRules);
    expect(unreadable).toMatchObject({ kind: 'unavailable', message: 'Acme answered 451' });
  });

  it('names the server by serverName and aborts with abortedMessage', () => {
    expect(classifyOpenAICompatibleError(new APIUserAbortError(), errorContext, acmeRules).message).toBe(
      'The Acme call was aborted',
    );
    const event = new APIError(undefined, { code: 451, reason: 'legal', message: 'no' }, undefined, undefined);
    expect(classifyOpenAICompatibleError(event, errorContext, acmeRules)).toMatchObject({
      kind: 'content_filter',
      message: 'Acme answered 451 (blocked: no)',
    });
    expect(classifyOpenAICompatibleError(new SyntaxError('bad'), errorContext, acmeRules).message).toBe(
      'Acme sent a body that is not JSON: bad',
    );
  });
});

describe('isContextLengthError', () => {
  it.each([
    [{ code: 'context_length_exceeded' }, true],
    [{ type: 'exceed_context_size_error' }, true],
    [{ message: 'Context length exceeded by 12 tokens' }, true],
    [{ code: 'invalid_value', message: 'bad top_p' }, false],
    [{ code: 400 }, false],
    [undefined, false],
  ] as const)('%j → %s', (body, expected) => {
    expect(isContextLengthError(body)).toBe(expected);
  });
});

interface AcmeFacts extends ChatAnswerFacts {
  region?: string | null | undefined;
}

let server: OpenAICompatibleFake;
beforeAll(async () => {
  server = await startOpenAICompatibleFake({ models: [{ id: 'a1' }] });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const hello: GenerateRequest = { messages: [{ role: 'user', content: 'hello there' }] };

function acmeModel(overrides: Partial<OpenAICompatibleModelOptions<AcmeFacts>> = {}) {
  const seen: { facts: AcmeFacts; call: string }[] = [];
  const client = createOpenAIClient({
    apiKey: undefined,
    baseURL: server.baseURL,
    headers: { 'X-Acme': 'yes', 'X-Unset': undefined },
    fetch: undefined,
    timeoutMs: 5000,
  });
  const model = createOpenAICompatibleModel<AcmeFacts>({
    identity: { providerId: 'acme', modelId: 'a1' },
    clock: createFakeClock({ now: 0 }),
    supports: {
      streaming: true,
      pull: false,
      loadUnload: false,
      tools: false,
      embeddings: false,
      generationOptions: ['temperature'],
    },
    serverName: 'Acme',
    abortedMessage: 'The Acme call was aborted',
    streamCutMessage: 'The Acme stream was cut',
    client: () => client,
    classify: (thrown, signal) => classifyOpenAICompatibleError(thrown, { ...errorContext, signal }, acmeRules),
    requestExtras: (options) => (options?.acme as Record<string, unknown> | undefined) ?? {},
    completionSchema: chatCompletionSchema.extend({ region: z.string().nullish() }),
    chunkSchema: chatCompletionChunkSchema.extend({ region: z.string().nullish() }),
    readAnswer(facts, usage, call) {
      seen.push({ facts, call });
      return {
        model: { providerId: 'acme', modelId: facts.model ?? 'a1' },
        costUsd: usage.totalTokens,
        warnings: facts.region ? [`served in ${facts.region}`] : [],
        providerMetadata: { ...facts },
      };
    },
    ...overrides,
  });
  return { model, seen };
}

async function collect(stream: AsyncIterable<StreamPart>) {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe('createOpenAICompatibleModel', () => {
  it('hands readAnswer what the completion says besides its choices, empty fields left out', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: {
        id: '',
        model: 'a1-large',
        region: 'eu',
        choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
      },
    });
    const { model, seen } = acmeModel();
    const result = await model.generate({
      ...hello,
      temperature: 0,
      seed: 1,
      providerOptions: { acme: { tier: 'gold' } },
    });
    expect(seen).toEqual([
      {
        facts: { model: 'a1-large', region: 'eu', usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 } },
        call: 'generate',
      },
    ]);
    expect(result).toMatchObject({
      text: 'hi',
      model: { providerId: 'acme', modelId: 'a1-large' },
      costUsd: 3,
      warnings: ['seed is not supported by Acme and was not sent', 'served in eu'],
    });
    // Only the supported option (0 is a value) and the extras were sent, with the client's headers.
    expect(server.requests[0]?.body).toEqual({
      model: 'a1',
      messages: [{ role: 'user', content: 'hello there' }],
      temperature: 0,
      tier: 'gold',
    });
    expect(server.requests[0]?.headers['x-acme']).toBe('yes');
    expect(server.requests[0]?.headers['x-unset']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('hands readAnswer what the chunks of a stream said, once, at the end', async () => {
    const { model, seen } = acmeModel();
    const { parts, error } = await collect(model.stream(hello));
    expect(error).toBeUndefined();
    expect(parts[0]).toEqual({ type: 'start', model: { providerId: 'acme', modelId: 'a1' }, warnings: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.call).toBe('stream');
    expect(seen[0]?.facts).toEqual({
      id: expect.stringMatching(/^chatcmpl-fake-/),
      model: 'a1',
      // ceil(11 characters / 4) = 3 prompt tokens; "a1 heard: hello there" is 4 output tokens.
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', costUsd: 7 });
  });

  it('passes on a ModelyardError the client hook throws, without a request', async () => {
    const missingKey = new ModelyardError({ kind: 'auth', message: 'No Acme key' });
    const { model } = acmeModel({
      client: () => {
        throw missingKey;
      },
    });
    expect(await model.generate(hello).catch((error) => error)).toBe(missingKey);
    expect((await collect(model.stream(hello))).error).toBe(missingKey);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an already aborted call with abortedMessage before the client is asked for', async () => {
    const { model } = acmeModel({
      client: () => {
        throw new Error('the client must not be asked for');
      },
    });
    const failure = await model.generate(hello, { signal: AbortSignal.abort() }).catch((error) => error);
    expect(failure).toMatchObject({ kind: 'aborted', message: 'The Acme call was aborted', modelId: 'a1' });
    const { parts, error } = await collect(model.stream(hello, { signal: AbortSignal.abort() }));
    expect(parts).toEqual([]);
    expect(isErrorOfKind(error, 'aborted')).toBe(true);
  });

  it('names the service in an answer its schema cannot read', async () => {
    server.injectFault({
      type: 'status',
      status: 200,
      body: { region: 5, choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }] },
    });
    const failure = await acmeModel()
      .model.generate(hello)
      .catch((error) => error);
    expect(failure).toMatchObject({
      kind: 'invalid_response',
      providerId: 'acme',
      modelId: 'a1',
      message:
        'Acme sent a chat completion that cannot be read: region: Invalid input: expected string, received number',
    });
  });
});
