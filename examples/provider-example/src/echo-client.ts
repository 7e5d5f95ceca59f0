// The HTTP plumbing every Echo call shares: the lazily read key, the bearer header, the abort
// signal, and turning failures into core errors. Holds the key in a closure, never in a property,
// so neither `JSON.stringify` nor `util.inspect` of a provider or model can show it.
import type { Clock } from '@modelyard/core';
import {
  type EchoErrorScope,
  echoAborted,
  echoErrorFromResponse,
  echoErrorFromThrown,
  invalidEchoResponse,
  missingEchoApiKey,
} from './echo-error';

/** The environment variable read (at the first request) when no `apiKey` is given. */
export const ECHO_API_KEY_VARIABLE = 'ECHO_API_KEY';

/** One call to the Echo API. */
export interface EchoCall {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. `/v1/echo/chat`. */
  path: string;
  /** JSON body (POST). */
  body?: unknown;
  /** Extra headers from the request; `authorization` and `content-type` are always ours. */
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** The model the call is for, named in errors. */
  modelId?: string | null;
}

/** What the provider and its models share. */
export interface EchoClient {
  readonly providerId: string;
  readonly clock: Clock;
  /** The error scope of a call (provider, model, and the key to redact once it is known). */
  scope(modelId?: string | null): EchoErrorScope;
  /** Sends `call`; resolves with a 2xx response, or rejects with a ModelyardError. */
  send(call: EchoCall): Promise<Response>;
  /** Reads a response body as JSON; a failed read or bad JSON rejects with a ModelyardError. */
  readJson(response: Response, call: Pick<EchoCall, 'signal' | 'modelId'>): Promise<unknown>;
}

/** What {@link createEchoClient} needs; settings already validated. */
export interface EchoClientOptions {
  providerId: string;
  baseURL: string;
  apiKey: string | undefined;
  fetch: typeof fetch;
  clock: Clock;
}

/** Creates the shared client. Does no I/O and reads no environment variable until the first call. */
export function createEchoClient(options: EchoClientOptions): EchoClient {
  let resolvedKey: string | undefined;

  function scope(modelId: string | null = null): EchoErrorScope {
    return { providerId: options.providerId, modelId, apiKey: resolvedKey ?? options.apiKey ?? null };
  }

  function apiKey(modelId: string | null): string {
    // Looked up at every call until found, so a key set after creating the provider is still used.
    if (resolvedKey === undefined) {
      const found = options.apiKey ?? process.env[ECHO_API_KEY_VARIABLE];
      if (found !== undefined && found !== '') resolvedKey = found;
    }
    if (resolvedKey === undefined) throw missingEchoApiKey(scope(modelId));
    return resolvedKey;
  }

  async function send(call: EchoCall): Promise<Response> {
    const modelId = call.modelId ?? null;
    if (call.signal?.aborted) throw echoAborted(scope(modelId));
    const key = apiKey(modelId);
    let response: Response;
    try {
      response = await options.fetch(`${options.baseURL}${call.path}`, {
        method: call.method,
        headers: {
          ...call.headers,
          authorization: `Bearer ${key}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        ...(call.signal === undefined ? {} : { signal: call.signal }),
      });
    } catch (error) {
      throw echoErrorFromThrown(error, scope(modelId), call.signal);
    }
    if (response.ok) return response;
    let body = '';
    try {
      body = await response.text();
    } catch (error) {
      throw echoErrorFromThrown(error, scope(modelId), call.signal);
    }
    throw echoErrorFromResponse(
      { status: response.status, body, headers: response.headers },
      scope(modelId),
      options.clock.now(),
    );
  }

  async function readJson(response: Response, call: Pick<EchoCall, 'signal' | 'modelId'>): Promise<unknown> {
    const modelId = call.modelId ?? null;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw echoErrorFromThrown(error, scope(modelId), call.signal);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw invalidEchoResponse('the body is not JSON', scope(modelId));
    }
  }

  return { providerId: options.providerId, clock: options.clock, scope, send, readJson };
}
