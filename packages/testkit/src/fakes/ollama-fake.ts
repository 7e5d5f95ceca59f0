import { composeFakeAnswer, defaultFakeAnswer, type FakeAnswerFunction, type FakeChatMessage } from './fake-answer';
import type { FakeResponder, FakeServer, RecordedRequest } from './fake-server';
import { startFakeServer } from './fake-server';

/** A model a fake Ollama server has installed (or can pull). */
export interface FakeOllamaModel {
  /** Name with tag, e.g. `llama3.2:1b`. */
  name: string;
  /** Bytes on disk. Defaults to 1,000,000. */
  size?: number;
  /** `details.family`. Defaults to `llama`. */
  family?: string;
  /** `details.parameter_size`, e.g. `1.2B`. Defaults to `1B`. */
  parameterSize?: string;
  /** `details.quantization_level`. Defaults to `Q4_K_M`. */
  quantizationLevel?: string;
  /**
   * `model_info["<family>.context_length"]` of `/api/show`. Defaults to 4096; `null` leaves the key
   * out (a server that does not report it).
   */
  contextLength?: number | null;
  /** `model_info["<family>.block_count"]` of `/api/show` (layers). Defaults to 16. */
  blockCount?: number;
  /** `model_info["general.parameter_count"]`. Defaults to 1,000,000,000. */
  parameterCount?: number;
  /**
   * `/api/show` capabilities. Defaults to `['completion']`; `null` leaves the field out (servers
   * before Ollama 0.6.4).
   */
  capabilities?: string[] | null;
  /** `size_vram` of `/api/ps` when loaded, in bytes. Defaults to `size` (fully on the GPU). */
  vramBytes?: number;
  /**
   * The server cannot run this model: loading it (an empty generate, or any chat) answers
   * 500 `{ error }` with these words, as Ollama does when a model needs more memory than there is
   * (`model requires more system memory (5.3 GiB) than is available (3.3 GiB)`).
   */
  loadError?: string;
  /**
   * A streamed answer fails midway: after `afterTokens` token lines, an `{ "error": … }` line
   * ends the stream (the HTTP status stays 200, as Ollama's mid-stream errors do).
   */
  streamError?: { afterTokens: number; error: string };
}

/** Options of {@link startOllamaFake}. */
export interface OllamaFakeOptions {
  /** Installed models. */
  models: readonly FakeOllamaModel[];
  /** Models `/api/pull` can fetch (they become installed). Others fail as on the real registry. */
  pullable?: readonly FakeOllamaModel[];
  /** `/api/version`. Defaults to `0.12.0`. */
  version?: string;
  /** What the models answer. Defaults to the shared deterministic answer. */
  answer?: FakeAnswerFunction;
  /** Nanoseconds reported per generated token (`eval_duration`), so tokens/s is known. Defaults to 10,000,000 (100 tokens/s). */
  evalNanosecondsPerToken?: number;
  /** Nanoseconds reported as `load_duration` when a model is not yet loaded. Defaults to 500,000,000. */
  loadNanoseconds?: number;
}

/** A running Ollama fake; `host` is what the `ollama` client takes. */
export interface OllamaFake extends FakeServer {
  readonly host: string;
  /** Names of the models currently loaded (what `/api/ps` lists). */
  readonly loadedModels: readonly string[];
}

const MODIFIED_AT = '2026-01-01T00:00:00Z';
/** The context window Ollama loads a model with when a request sets no `num_ctx`, in tokens. */
const DEFAULT_NUM_CTX = 4096;
/** Bytes of the small parameters layer every pulled model has besides its weights. */
const PARAMS_LAYER_BYTES = 96;
const CREATED_AT = '2026-01-01T00:00:00.000Z';
const DEFAULT_KEEP_ALIVE_MS = 5 * 60 * 1000;

function detailsOf(model: FakeOllamaModel) {
  const family = model.family ?? 'llama';
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: model.parameterSize ?? '1B',
    quantization_level: model.quantizationLevel ?? 'Q4_K_M',
  };
}

function digestOf(name: string): string {
  let hash = 0;
  for (const character of name) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return hash.toString(16).padStart(8, '0').repeat(8);
}

/** The `keep_alive` of a request in milliseconds (number of seconds, or a duration such as `5m`). */
function keepAliveMs(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string') return DEFAULT_KEEP_ALIVE_MS;
  const match = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) return DEFAULT_KEEP_ALIVE_MS;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return Number(match[1]) * unit;
}

/**
 * A loopback fake of the Ollama server: `/api/version`, `/api/tags`, `/api/show`, `/api/ps`,
 * `/api/chat` and `/api/generate` (NDJSON streams by default, one object with `stream: false`;
 * an empty generate with `keep_alive` loads or unloads, `options.num_ctx` sets the context window
 * it is loaded with), and `/api/pull` with progress lines per layer. Unknown models get a 404
 * `{ error }` as the real server answers; a model can be set to fail to load (`loadError`) or to
 * fail mid-stream (`streamError`).
 */
export async function startOllamaFake(options: OllamaFakeOptions): Promise<OllamaFake> {
  const installed = new Map(options.models.map((model) => [model.name, model]));
  /** Loaded models: when they expire (ms since the epoch) and the context window they were loaded with. */
  const loaded = new Map<string, { expiresAt: number; contextLength: number }>();
  const answer = options.answer ?? defaultFakeAnswer;
  const perToken = options.evalNanosecondsPerToken ?? 10_000_000;
  const loadNanoseconds = options.loadNanoseconds ?? 500_000_000;

  function requireModel(request: RecordedRequest, respond: FakeResponder): FakeOllamaModel | undefined {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const name = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
    const model = installed.get(name) ?? installed.get(`${name}:latest`);
    if (model === undefined) respond.json(404, { error: `model '${name}' not found` });
    return model;
  }

  /** The context window a request asks for: `options.num_ctx`, else Ollama's default (at most the model's). */
  function contextLengthOf(model: FakeOllamaModel, body: Record<string, unknown>): number {
    const modelOptions = (body.options ?? {}) as Record<string, unknown>;
    if (typeof modelOptions.num_ctx === 'number' && modelOptions.num_ctx >= 1) return modelOptions.num_ctx;
    return Math.min(model.contextLength ?? DEFAULT_NUM_CTX, DEFAULT_NUM_CTX);
  }

  /** Marks a model loaded (or unloaded with keep_alive 0); returns the load duration to report. */
  function touch(model: FakeOllamaModel, body: Record<string, unknown>): number {
    const contextLength = contextLengthOf(model, body);
    // A model loaded with another context window is loaded again, as Ollama does.
    const wasLoaded = loaded.get(model.name)?.contextLength === contextLength;
    const keepAlive = keepAliveMs(body.keep_alive);
    if (keepAlive === 0) loaded.delete(model.name);
    else {
      const expiresAt = Date.now() + (keepAlive < 0 ? 10 * 365 * 86_400_000 : keepAlive);
      loaded.set(model.name, { expiresAt, contextLength });
    }
    return wasLoaded ? 0 : loadNanoseconds;
  }

  async function generation(kind: 'chat' | 'generate', request: RecordedRequest, respond: FakeResponder) {
    const model = requireModel(request, respond);
    if (model === undefined) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const modelOptions = (body.options ?? {}) as Record<string, unknown>;
    const messages: FakeChatMessage[] =
      kind === 'chat'
        ? ((body.messages as FakeChatMessage[] | undefined) ?? [])
        : [{ role: 'user', content: typeof body.prompt === 'string' ? body.prompt : '' }];
    const isUnload = keepAliveMs(body.keep_alive) === 0;
    if (model.loadError !== undefined && !isUnload) return respond.json(500, { error: model.loadError });
    if (kind === 'generate' && messages[0]?.content === '') {
      const wasLoaded = loaded.get(model.name)?.contextLength === contextLengthOf(model, body);
      touch(model, body);
      const reason = isUnload ? 'unload' : 'load';
      return respond.json(200, {
        model: model.name,
        created_at: CREATED_AT,
        response: '',
        done: true,
        done_reason: reason,
        ...(wasLoaded || reason === 'unload' ? {} : { load_duration: loadNanoseconds }),
      });
    }
    const loadDuration = touch(model, body);
    const numPredict =
      typeof modelOptions.num_predict === 'number' && modelOptions.num_predict >= 0
        ? modelOptions.num_predict
        : undefined;
    const stop = Array.isArray(modelOptions.stop)
      ? modelOptions.stop.filter((item): item is string => typeof item === 'string')
      : [];
    const result = composeFakeAnswer({ modelId: model.name, messages, answer, maxTokens: numPredict, stop });
    const evalDuration = result.completionTokens * perToken;
    const counters = {
      done: true,
      done_reason: result.finishReason,
      total_duration: loadDuration + 1_000_000 + evalDuration,
      load_duration: loadDuration,
      prompt_eval_count: result.promptTokens,
      prompt_eval_duration: 1_000_000,
      eval_count: result.completionTokens,
      eval_duration: evalDuration,
    };
    const piece = (text: string) =>
      kind === 'chat' ? { message: { role: 'assistant', content: text } } : { response: text };
    if (body.stream === false) {
      return respond.json(200, { model: model.name, created_at: CREATED_AT, ...piece(result.text), ...counters });
    }
    const tokenLines = result.tokens.map(
      (token) => `${JSON.stringify({ model: model.name, created_at: CREATED_AT, ...piece(token), done: false })}\n`,
    );
    const lines = model.streamError
      ? [
          ...tokenLines.slice(0, model.streamError.afterTokens),
          `${JSON.stringify({ error: model.streamError.error })}\n`,
        ]
      : [
          ...tokenLines,
          `${JSON.stringify({ model: model.name, created_at: CREATED_AT, ...piece(''), ...counters })}\n`,
        ];
    await respond.stream('application/x-ndjson', lines, { malformedPiece: '{"model": "broken", "message": \n' });
  }

  const server = await startFakeServer({
    routes: [
      {
        method: 'GET',
        path: '/api/version',
        handle: (_request, respond) => respond.json(200, { version: options.version ?? '0.12.0' }),
      },
      { method: 'HEAD', path: '/', handle: (_request, respond) => respond.json(200, {}) },
      {
        method: 'GET',
        path: '/api/tags',
        handle(_request, respond) {
          respond.json(200, {
            models: [...installed.values()].map((model) => ({
              name: model.name,
              model: model.name,
              modified_at: MODIFIED_AT,
              size: model.size ?? 1_000_000,
              digest: digestOf(model.name),
              details: detailsOf(model),
            })),
          });
        },
      },
      {
        method: 'POST',
        path: '/api/show',
        handle(request, respond) {
          const model = requireModel(request, respond);
          if (model === undefined) return;
          const family = model.family ?? 'llama';
          respond.json(200, {
            modelfile: `FROM ${model.name}`,
            parameters: 'stop "<|eot_id|>"',
            template: '{{ .Prompt }}',
            details: detailsOf(model),
            model_info: {
              'general.architecture': family,
              'general.parameter_count': model.parameterCount ?? 1_000_000_000,
              [`${family}.block_count`]: model.blockCount ?? 16,
              ...(model.contextLength === null
                ? {}
                : { [`${family}.context_length`]: model.contextLength ?? DEFAULT_NUM_CTX }),
            },
            ...(model.capabilities === null ? {} : { capabilities: model.capabilities ?? ['completion'] }),
            modified_at: MODIFIED_AT,
          });
        },
      },
      {
        method: 'GET',
        path: '/api/ps',
        handle(_request, respond) {
          const now = Date.now();
          for (const [name, state] of loaded) if (state.expiresAt <= now) loaded.delete(name);
          respond.json(200, {
            models: [...loaded.entries()].flatMap(([name, state]) => {
              const model = installed.get(name);
              if (model === undefined) return [];
              const size = model.size ?? 1_000_000;
              return [
                {
                  name,
                  model: name,
                  size,
                  digest: digestOf(name),
                  details: detailsOf(model),
                  expires_at: new Date(state.expiresAt).toISOString(),
                  size_vram: model.vramBytes ?? size,
                  context_length: state.contextLength,
                },
              ];
            }),
          });
        },
      },
      { method: 'POST', path: '/api/chat', handle: (request, respond) => generation('chat', request, respond) },
      { method: 'POST', path: '/api/generate', handle: (request, respond) => generation('generate', request, respond) },
      {
        method: 'POST',
        path: '/api/pull',
        async handle(request, respond) {
          const body = (request.body ?? {}) as Record<string, unknown>;
          const name = typeof body.model === 'string' ? body.model : typeof body.name === 'string' ? body.name : '';
          const model = options.pullable?.find(
            (candidate) => candidate.name === name || candidate.name === `${name}:latest`,
          );
          if (model === undefined) {
            if (body.stream === false) return respond.json(500, { error: 'pull model manifest: file does not exist' });
            const lines = [
              `${JSON.stringify({ status: 'pulling manifest' })}\n`,
              `${JSON.stringify({ error: 'pull model manifest: file does not exist' })}\n`,
            ];
            return respond.stream('application/x-ndjson', lines, { malformedPiece: '{"status": \n' });
          }
          const total = model.size ?? 1_000_000;
          const digest = `sha256:${digestOf(model.name)}`;
          const paramsDigest = `sha256:${digestOf(`${model.name}#params`)}`;
          // As Ollama does: `completed` is left out until some bytes of a layer arrived.
          const progress = [
            { status: `pulling ${digest.slice(7, 19)}`, digest, total },
            ...[0.25, 0.5, 0.75, 1].map((fraction) => ({
              status: `pulling ${digest.slice(7, 19)}`,
              digest,
              total,
              completed: Math.round(total * fraction),
            })),
            {
              status: `pulling ${paramsDigest.slice(7, 19)}`,
              digest: paramsDigest,
              total: PARAMS_LAYER_BYTES,
              completed: PARAMS_LAYER_BYTES,
            },
          ];
          installed.set(model.name, model);
          const statuses = [
            { status: 'pulling manifest' },
            ...progress,
            { status: 'verifying sha256 digest' },
            { status: 'writing manifest' },
            { status: 'success' },
          ];
          if (body.stream === false) return respond.json(200, { status: 'success' });
          await respond.stream(
            'application/x-ndjson',
            statuses.map((status) => `${JSON.stringify(status)}\n`),
            { malformedPiece: '{"status": \n' },
          );
        },
      },
    ],
    notFound(request, respond) {
      respond.json(404, { error: `404 page not found: ${request.method} ${request.path}` });
    },
  });
  const fake = Object.assign(server, { host: server.url });
  // defineProperty, not Object.assign: assign would copy the getter's value once.
  Object.defineProperty(fake, 'loadedModels', { enumerable: true, get: () => [...loaded.keys()] });
  return fake as OllamaFake;
}
