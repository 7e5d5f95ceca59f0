// The shapes of the Echo API's answers, and readers that check them. Each reader reads only the
// fields this provider uses and tolerates unknown ones, so a server that adds fields still works.
// (A real provider package would write these as zod schemas; this example keeps to the two
// dependencies a third party needs, so it checks by hand and reports like `safeParse`.)
import { describeReceived } from '@modelyard/core';

/** The result of reading an answer: the value, or the first problem found, naming the field. */
export type ReadResult<T> = { success: true; data: T } | { success: false; issue: string };

/** One model of `GET /v1/echo/models`, in our names. */
export interface EchoModel {
  id: string;
  /** `name`: display name, `null` when absent. */
  name: string | null;
  /** `context_tokens`: prompt + output limit in tokens, `null` when absent. */
  contextTokens: number | null;
  /** `max_output_tokens`, `null` when absent. */
  maxOutputTokens: number | null;
  /** `price_per_million`: USD per million input/output tokens; each `null` when the server does not say. */
  pricePerMillion: { input: number | null; output: number | null };
  /** `free`: the server says the model costs nothing. */
  isFree: boolean;
}

/** Why Echo stopped generating, in core's vocabulary (`other` for a reason we do not know). */
export type EchoFinishReason = 'stop' | 'length' | 'other';

/** Token counts and cost as Echo reports them; `null` when absent (never guessed). */
export interface EchoUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  /** `cost_usd`: what the call cost, in USD. */
  costUsd: number | null;
}

/** The answer of `POST /v1/echo/chat` without `stream`. */
export interface EchoChatResponse {
  /** `id`: the server's request id, `null` when absent. */
  requestId: string | null;
  text: string;
  finishReason: EchoFinishReason;
  usage: EchoUsage;
}

/** One NDJSON line of a streamed `POST /v1/echo/chat`. Unknown `type`s read as `ignored`. */
export type EchoStreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: EchoFinishReason; usage: EchoUsage }
  | { type: 'ignored' };

/** The `error` object of an Echo error body; fields are `null` when absent. */
export interface EchoErrorBody {
  code: string | null;
  message: string | null;
}

class ShapeIssue {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ShapeIssue(`${path}: expected ${expected}, received ${describeReceived(value)}`);
}

function readRecord(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

function readString(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'a string', value);
}

function readOptionalString(value: unknown, path: string): string | null {
  return value === undefined || value === null ? null : readString(value, path);
}

function readOptionalNumber(value: unknown, path: string, isInteger: boolean): number | null {
  if (value === undefined || value === null) return null;
  const isValid = typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (!isValid || (isInteger && !Number.isInteger(value))) {
    return fail(path, isInteger ? 'an integer ≥ 0' : 'a number ≥ 0', value);
  }
  return value;
}

function safely<T>(read: () => T): ReadResult<T> {
  try {
    return { success: true, data: read() };
  } catch (error) {
    if (error instanceof ShapeIssue) return { success: false, issue: error.message };
    throw error;
  }
}

function readFinishReason(value: unknown, path: string): EchoFinishReason {
  const reason = readString(value, path);
  return reason === 'stop' || reason === 'length' ? reason : 'other';
}

function readUsage(value: unknown, path: string): EchoUsage {
  if (value === undefined || value === null) return { inputTokens: null, outputTokens: null, costUsd: null };
  const usage = readRecord(value, path);
  return {
    inputTokens: readOptionalNumber(usage.input_tokens, `${path}.input_tokens`, true),
    outputTokens: readOptionalNumber(usage.output_tokens, `${path}.output_tokens`, true),
    costUsd: readOptionalNumber(usage.cost_usd, `${path}.cost_usd`, false),
  };
}

function readModel(value: unknown, path: string): EchoModel {
  const model = readRecord(value, path);
  const price = model.price_per_million;
  const prices: Record<string, unknown> =
    price === undefined || price === null ? {} : readRecord(price, `${path}.price_per_million`);
  return {
    id: readString(model.id, `${path}.id`),
    name: readOptionalString(model.name, `${path}.name`),
    contextTokens: readOptionalNumber(model.context_tokens, `${path}.context_tokens`, true),
    maxOutputTokens: readOptionalNumber(model.max_output_tokens, `${path}.max_output_tokens`, true),
    pricePerMillion: {
      input: readOptionalNumber(prices.input, `${path}.price_per_million.input`, false),
      output: readOptionalNumber(prices.output, `${path}.price_per_million.output`, false),
    },
    isFree: model.free === true,
  };
}

/** Reads the body of `GET /v1/echo/models`: `{ models: [{ id, name?, context_tokens?, … }] }`. */
export function readEchoModelList(body: unknown): ReadResult<EchoModel[]> {
  return safely(() => {
    const list = readRecord(body, '(root)').models;
    if (!Array.isArray(list)) fail('models', 'an array', list);
    return list.map((model, index) => readModel(model, `models[${index}]`));
  });
}

/** Reads the body of a non-streamed `POST /v1/echo/chat`: `{ id?, text, finish_reason, usage? }`. */
export function readEchoChatResponse(body: unknown): ReadResult<EchoChatResponse> {
  return safely(() => {
    const chat = readRecord(body, '(root)');
    return {
      requestId: readOptionalString(chat.id, 'id'),
      text: readString(chat.text, 'text'),
      finishReason: readFinishReason(chat.finish_reason, 'finish_reason'),
      usage: readUsage(chat.usage, 'usage'),
    };
  });
}

/** Reads one parsed NDJSON line of a streamed chat: `{ type: 'delta', text }` or `{ type: 'done', … }`. */
export function readEchoStreamEvent(line: unknown): ReadResult<EchoStreamEvent> {
  return safely((): EchoStreamEvent => {
    const event = readRecord(line, '(line)');
    const type = readString(event.type, 'type');
    if (type === 'delta') return { type, text: readString(event.text, 'text') };
    if (type === 'done') {
      return {
        type,
        finishReason: readFinishReason(event.finish_reason, 'finish_reason'),
        usage: readUsage(event.usage, 'usage'),
      };
    }
    // Forward compatible: a newer server may send event types we do not know (heartbeats, metadata).
    return { type: 'ignored' };
  });
}

/** Reads `{ error: { code?, message? } }` from an error answer's text; both `null` when it is not that shape. */
export function readEchoErrorBody(text: string): EchoErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { code: null, message: null };
  }
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: null, message: null };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message : null,
  };
}
