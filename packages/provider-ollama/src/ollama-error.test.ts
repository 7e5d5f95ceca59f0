import { inspect } from 'node:util';
import { ModelyardError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  classifyOllamaError,
  isOutOfMemoryMessage,
  networkCodeOf,
  ollamaErrorKind,
  ollamaHttpError,
  ollamaStreamErrorKind,
} from './ollama-error';
import { OllamaStreamCutError, OllamaStreamErrorLine, OllamaUnreadableLineError } from './ollama-ndjson';
import { OllamaHttpError, OllamaSilenceTimeoutError } from './ollama-transport';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const TOKEN = 'Bearer proxy-token-0123456789';
const context = {
  providerId: 'ollama',
  modelId: 'llama3.2:1b',
  host: 'http://127.0.0.1:11434',
  secrets: [TOKEN],
  nowMs: NOW,
};
const OUT_OF_MEMORY = 'model requires more system memory (5.3 GiB) than is available (3.3 GiB)';

function refused(): TypeError {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

describe('ollamaErrorKind', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [408, 'timeout'],
    [413, 'context_length'],
    [429, 'rate_limit'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('%i → %s', (status, kind) => {
    expect(ollamaErrorKind(status, 'failed')).toBe(kind);
  });

  it('reads a model that does not fit in memory as unavailable, whatever the status', () => {
    expect(ollamaErrorKind(500, OUT_OF_MEMORY)).toBe('unavailable');
    expect(ollamaErrorKind(400, 'CUDA error: out of memory')).toBe('unavailable');
    expect(ollamaErrorKind(200, 'failed')).toBe('unknown');
  });
});

describe('isOutOfMemoryMessage', () => {
  it.each([
    OUT_OF_MEMORY,
    'model requires more memory (2.0 GiB) than is available',
    'cudaMalloc failed: out of memory',
    'insufficient VRAM to load model',
    'not enough memory',
  ])('recognises "%s"', (message) => {
    expect(isOutOfMemoryMessage(message)).toBe(true);
  });

  it.each(['model "x" not found', 'memory is fine', 'the model failed to generate a response'])(
    'leaves "%s" alone',
    (message) => {
      expect(isOutOfMemoryMessage(message)).toBe(false);
    },
  );
});

describe('ollamaStreamErrorKind', () => {
  it('reads the words of an error inside a stream, which has no status', () => {
    expect(ollamaStreamErrorKind(OUT_OF_MEMORY)).toBe('unavailable');
    expect(ollamaStreamErrorKind('pull model manifest: file does not exist')).toBe('not_found');
    expect(ollamaStreamErrorKind("model 'x' not found")).toBe('not_found');
    expect(ollamaStreamErrorKind('an error was encountered while running the model')).toBe('unavailable');
  });
});

describe('ollamaHttpError', () => {
  it('keeps the status, the server words, the identity and the Retry-After', () => {
    const error = ollamaHttpError(429, 'too many requests', new Headers({ 'retry-after': '2' }), context);
    expect(error).toMatchObject({
      kind: 'rate_limit',
      statusCode: 429,
      retryable: true,
      retryAfterMs: 2000,
      providerId: 'ollama',
      modelId: 'llama3.2:1b',
    });
    expect(error.message).toBe('ollama (model llama3.2:1b) answered HTTP 429: too many requests');
  });

  it('says in words that the model does not fit, with the server words', () => {
    const error = ollamaHttpError(500, OUT_OF_MEMORY, undefined, context);
    expect(error.kind).toBe('unavailable');
    expect(error.retryAfterMs).toBeNull();
    expect(error.message).toBe(
      `ollama (model llama3.2:1b) cannot run the model, not enough memory (HTTP 500): ${OUT_OF_MEMORY}`,
    );
  });

  it('says only the status when the body said nothing, and names the provider without a model', () => {
    const error = ollamaHttpError(502, '', undefined, { ...context, modelId: null });
    expect(error.message).toBe('ollama answered HTTP 502');
  });
});

describe('classifyOllamaError', () => {
  it('returns a ModelyardError as it is', () => {
    const original = new ModelyardError({ kind: 'auth', message: 'no' });
    expect(classifyOllamaError(original, context)).toBe(original);
  });

  it('reports anything as aborted once the caller aborted', () => {
    const error = classifyOllamaError(refused(), { ...context, signal: AbortSignal.abort() });
    expect(error).toMatchObject({ kind: 'aborted', retryable: false, providerId: 'ollama' });
    expect(error.message).toBe('The call to ollama (model llama3.2:1b) was aborted');
  });

  it('maps the HTTP errors of the transport and of the client', () => {
    const notFound = classifyOllamaError(new OllamaHttpError(404, "model 'x' not found", new Headers()), context);
    expect(notFound).toMatchObject({ kind: 'not_found', statusCode: 404, retryable: false });
    // The client's own ResponseError (not exported by the client): name, error and status_code.
    const responseError = Object.assign(new Error(OUT_OF_MEMORY), {
      name: 'ResponseError',
      error: OUT_OF_MEMORY,
      status_code: 500,
    });
    const fromClient = classifyOllamaError(responseError, context);
    expect(fromClient).toMatchObject({ kind: 'unavailable', statusCode: 500, retryable: true });
    expect(fromClient.message).toContain(OUT_OF_MEMORY);
  });

  it('maps errors inside a stream, unreadable bodies and cut streams', () => {
    const inStream = classifyOllamaError(new OllamaStreamErrorLine('an error was encountered'), context);
    expect(inStream).toMatchObject({ kind: 'unavailable', statusCode: null, retryable: true });
    expect(inStream.message).toBe(
      'ollama (model llama3.2:1b) reported an error during the stream: an error was encountered',
    );
    expect(classifyOllamaError(new OllamaStreamErrorLine('file does not exist'), context).kind).toBe('not_found');
    expect(classifyOllamaError(new OllamaUnreadableLineError('{"a":'), context)).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
    });
    expect(classifyOllamaError(new SyntaxError('Unexpected end of JSON input'), context).kind).toBe('invalid_response');
    expect(classifyOllamaError(new OllamaStreamCutError(), context)).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('says that Ollama is not running when nobody listens, naming the host', () => {
    const error = classifyOllamaError(refused(), context);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(error.message).toBe(
      'Ollama at http://127.0.0.1:11434 cannot be reached (ECONNREFUSED): is it running? Start it with "ollama serve"',
    );
    const withoutHost = classifyOllamaError(refused(), { ...context, host: undefined });
    expect(withoutHost.message).toMatch(/^Ollama cannot be reached \(ECONNREFUSED\)/);
  });

  it('calls a connection cut midway a failed connection, not a server that is down', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const error = classifyOllamaError(new TypeError('terminated', { cause }), context);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^The connection to ollama \(model llama3.2:1b\) at http:\/\/127.0.0.1:11434 failed/);
  });

  it('maps the silence timeout and a socket timeout to timeout, and our own abort to aborted', () => {
    expect(classifyOllamaError(new OllamaSilenceTimeoutError(1000), context)).toMatchObject({
      kind: 'timeout',
      retryable: true,
    });
    const socket = Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    expect(classifyOllamaError(new TypeError('fetch failed', { cause: socket }), context).kind).toBe('timeout');
    expect(classifyOllamaError(new DOMException('ended', 'AbortError'), context).kind).toBe('aborted');
  });

  it('leaves what it cannot place unknown', () => {
    expect(classifyOllamaError(new Error('strange'), context)).toMatchObject({ kind: 'unknown', message: 'strange' });
  });

  it('never lets a header secret through, even when the server echoes it', () => {
    const error = classifyOllamaError(
      new OllamaHttpError(401, `invalid authorization ${TOKEN}`, new Headers()),
      context,
    );
    for (const rendering of [error.message, JSON.stringify(error), inspect(error)]) {
      expect(rendering).not.toContain('proxy-token-0123456789');
    }
  });
});

describe('networkCodeOf', () => {
  it('finds a code in the error, its cause, or an AggregateError inside', () => {
    expect(networkCodeOf({ code: 'EPIPE' })).toBe('EPIPE');
    expect(networkCodeOf(refused())).toBe('ECONNREFUSED');
    const aggregate = new AggregateError([new Error('a'), Object.assign(new Error('b'), { code: 'EHOSTUNREACH' })]);
    expect(networkCodeOf(new TypeError('fetch failed', { cause: aggregate }))).toBe('EHOSTUNREACH');
    expect(networkCodeOf(new AggregateError([new Error('no code')]))).toBeUndefined();
    expect(networkCodeOf('text')).toBeUndefined();
  });
});

describe('exact messages and edges (each pins a mutant that survived)', () => {
  it('reads only a well-formed client ResponseError as an HTTP error', () => {
    const wellFormed = { name: 'ResponseError', error: 'boom', status_code: 503 };
    expect(classifyOllamaError(wellFormed, context)).toMatchObject({ kind: 'unavailable', statusCode: 503 });
    // One field wrong each: not an HTTP error, so no status code.
    for (const almost of [
      { name: 'OtherError', error: 'boom', status_code: 503 },
      { name: 'ResponseError', error: 'boom', status_code: '503' },
      { name: 'ResponseError', error: 7, status_code: 503 },
    ]) {
      expect(classifyOllamaError(almost, context).statusCode).toBeNull();
    }
    expect(classifyOllamaError(null, context).statusCode).toBeNull();
    expect(classifyOllamaError('ResponseError', context).statusCode).toBeNull();
  });

  it('says a model that does not fit is unavailable even with a 4xx status', () => {
    expect(ollamaErrorKind(404, OUT_OF_MEMORY)).toBe('unavailable');
    expect(ollamaErrorKind(404, 'no such model')).toBe('not_found');
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])(
    'says Ollama is not running for %s',
    (code) => {
      const thrown = new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
      expect(classifyOllamaError(thrown, context).message).toBe(
        `Ollama at http://127.0.0.1:11434 cannot be reached (${code}): is it running? Start it with "ollama serve"`,
      );
    },
  );

  it('finds a network code at most four levels down', () => {
    const nest = (levels: number) => {
      let error: unknown = Object.assign(new Error('deep'), { code: 'ECONNRESET' });
      for (let level = 0; level < levels; level += 1) error = { cause: error };
      return error;
    };
    expect(networkCodeOf(nest(4))).toBe('ECONNRESET');
    expect(networkCodeOf(nest(5))).toBeUndefined();
    expect(networkCodeOf({ errors: [{ cause: { cause: { cause: { code: 'EPIPE' } } } }] })).toBe('EPIPE');
    expect(networkCodeOf({ errors: [{ cause: { cause: { cause: { cause: { code: 'EPIPE' } } } } }] })).toBeUndefined();
    expect(networkCodeOf('ECONNREFUSED')).toBeUndefined();
    expect(networkCodeOf(null)).toBeUndefined();
  });

  it('words unreadable bodies, cut streams, timeouts and aborts exactly', () => {
    expect(classifyOllamaError(new SyntaxError('Unexpected end of JSON input'), context).message).toBe(
      'ollama (model llama3.2:1b) sent a body that is not JSON (Unexpected end of JSON input)',
    );
    expect(classifyOllamaError(new OllamaStreamCutError(), context).message).toBe(
      'ollama (model llama3.2:1b): the stream ended before its last line (the connection was cut)',
    );
    const socketTimeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
    const timeout = classifyOllamaError(socketTimeout, context);
    expect(timeout.kind).toBe('timeout');
    expect(timeout.message.startsWith('ollama (model llama3.2:1b): ')).toBe(true);
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyOllamaError(abort, context)).toMatchObject({
      kind: 'aborted',
      message: 'The call to ollama (model llama3.2:1b) was aborted',
    });
  });

  it('names the error classes and cuts a long unreadable line at 80 characters', () => {
    expect(new OllamaStreamCutError().name).toBe('OllamaStreamCutError');
    expect(new OllamaStreamErrorLine('x').name).toBe('OllamaStreamErrorLine');
    const short = new OllamaUnreadableLineError('x'.repeat(80));
    expect(short.name).toBe('OllamaUnreadableLineError');
    expect(short.message).toBe(`the server sent a line that is not JSON: ${'x'.repeat(80)}`);
    const long = new OllamaUnreadableLineError('y'.repeat(81));
    expect(long.message.startsWith(`the server sent a line that is not JSON: ${'y'.repeat(80)}`)).toBe(true);
    expect(long.message).not.toContain('y'.repeat(81));
  });
});
