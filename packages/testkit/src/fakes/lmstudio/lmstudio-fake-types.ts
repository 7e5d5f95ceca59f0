import type { FakeAnswerFunction } from '../fake-answer';

/** A model downloaded in a fake LM Studio (what `lms ls` lists). */
export interface FakeLMStudioModel {
  /** The model key, e.g. `qwen2.5-7b-instruct`. */
  modelKey: string;
  /** `llm` (default) or `embedding`. */
  type?: 'llm' | 'embedding';
  /** Defaults to the model key. */
  displayName?: string;
  /** `gguf` (default) or `safetensors` (MLX). */
  format?: 'gguf' | 'safetensors';
  /** Path under the models folder. Defaults to `lmstudio-community/<key>/<key>.gguf`. */
  path?: string;
  /** Bytes on disk. Defaults to 1,000,000,000. */
  sizeBytes?: number;
  /** Parameters as LM Studio writes them (`7B`, `1.5B`, `33M`). Defaults to `1B`; `null` leaves it out. */
  paramsString?: string | null;
  /** Architecture (`llama`, `qwen2`). Defaults to `llama`; `null` leaves it out. */
  architecture?: string | null;
  /** Quantization. Defaults to `{ name: 'Q4_K_M', bits: 4 }`; `null` leaves it out. */
  quantization?: { name: string; bits: number } | null;
  /** Trained context length in tokens. Defaults to 4096. */
  maxContextLength?: number;
  /** Whether the model reads images. Defaults to false. */
  vision?: boolean;
  /** Whether the model was trained for tool use. Defaults to false. */
  trainedForToolUse?: boolean;
  /** Load an instance at start (with this context length, or the default one when `true`). */
  loaded?: boolean | { contextLength: number };
}

/** A loaded model instance of the fake (what `lms ps` lists). */
export interface FakeLMStudioInstance {
  identifier: string;
  instanceReference: string;
  modelKey: string;
  contextLength: number;
  /** `llm.load.llama.acceleration.offloadRatio` as sent (`max`, `off` or 0–1); `null` when not sent. */
  gpuOffloadRatio: number | 'max' | 'off' | null;
  /** Idle time to live in ms as sent; `null` when not sent. */
  ttlMs: number | null;
}

/** An error as LM Studio serializes it on the wire (`rpcError` / `channelError`). */
export interface FakeLMStudioError {
  title: string;
  cause?: string;
  suggestion?: string;
  /** Structured data, e.g. `{ code: 'generic.pathNotFound', path, availablePathsSample, totalModels }`. */
  displayData?: Record<string, unknown>;
}

/**
 * How the fake LM Studio misbehaves. Call faults apply to the next matching rpc or channel;
 * connection faults to the next matching WebSocket connection.
 */
export type LMStudioFault =
  /** Answer the rpc with `rpcError`, or end the channel with `channelError` after `afterMessages` messages (default 0). */
  | { type: 'error'; error?: FakeLMStudioError; afterMessages?: number }
  /** Cut the TCP connection without a close frame after `afterMessages` channel messages (an rpc: at once). */
  | { type: 'drop'; afterMessages?: number }
  /** Never answer the rpc or channel (not even a cancel), until the connection closes. */
  | { type: 'stall' }
  /** Wait `ms` before answering. */
  | { type: 'latency'; ms: number }
  /**
   * Send a frame that is not JSON in place of the rpc answer, or of channel message number
   * `afterMessages` (default 0). The SDK drops such a frame with a warning to its logger.
   */
  | { type: 'malformed'; afterMessages?: number }
  /** Wait `messageDelayMs` between channel messages (a slow generation). */
  | { type: 'trickle'; messageDelayMs: number }
  /** Connection: accept TCP but never answer the WebSocket upgrade. */
  | { type: 'stall-handshake' }
  /** Connection: answer the upgrade with this HTTP status instead of 101. */
  | { type: 'refuse-upgrade'; status: number }
  /** Connection: answer the authentication packet with `{ success: false, error }`. */
  | { type: 'refuse-auth'; error?: string }
  /** Connection: upgrade, then never answer the authentication packet. */
  | { type: 'stall-auth' };

/** The kinds of {@link LMStudioFault}. */
export const LMSTUDIO_FAULT_TYPES = [
  'error',
  'drop',
  'stall',
  'latency',
  'malformed',
  'trickle',
  'stall-handshake',
  'refuse-upgrade',
  'refuse-auth',
  'stall-auth',
] as const;

/** Which calls (or connections) a queued fault applies to, and how many times. */
export interface LMStudioFaultMatch {
  /** API namespace (`llm`, `system`, `files`). Defaults to any. */
  namespace?: string;
  /** Rpc or channel endpoint (`predict`, `loadModel`, `listDownloadedModels`…). Defaults to any; ignored by connection faults. */
  endpoint?: string;
  /** How many matches take the fault. Defaults to 1; `Infinity` keeps it until cleared. */
  times?: number;
}

/** An rpc call or channel the fake received. */
export interface RecordedLMStudioCall {
  namespace: string;
  kind: 'rpc' | 'channel';
  endpoint: string;
  /** The rpc `parameter` or the channel `creationParameter`, as sent. */
  parameter: unknown;
  receivedAt: number;
  fault: LMStudioFault | null;
  /** The client sent `{ type: 'cancel' }` on the channel. */
  cancelled: boolean;
  /** The connection closed before the answer was complete. */
  clientClosed: boolean;
}

/** A WebSocket connection the fake accepted. */
export interface RecordedLMStudioConnection {
  namespace: string;
  /** From the authentication packet; `null` until it arrived. */
  clientIdentifier: string | null;
  authenticated: boolean;
  isOpen: boolean;
}

/** Options of `startLMStudioFake`. */
export interface LMStudioFakeOptions {
  /** Downloaded models. */
  models: readonly FakeLMStudioModel[];
  /** What `system.version` answers. Defaults to `{ version: '0.3.30', build: 2 }`. */
  version?: { version: string; build: number };
  /** What the models answer. Defaults to the shared deterministic answer. */
  answer?: FakeAnswerFunction;
  /** `stats.tokensPerSecond` of every prediction. Defaults to 50. */
  tokensPerSecond?: number;
  /** `stats.timeToFirstTokenSec` of every prediction. Defaults to 0.1. */
  timeToFirstTokenSec?: number;
}

/** A running fake of LM Studio's SDK API. */
export interface LMStudioFake {
  /** `ws://127.0.0.1:<port>`: what `LMStudioClient` takes as `baseUrl`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every rpc call and channel received, in order. */
  readonly calls: readonly RecordedLMStudioCall[];
  /** Every WebSocket connection accepted, in order. */
  readonly connections: readonly RecordedLMStudioConnection[];
  /** Loaded instances, in load order. */
  readonly loadedInstances: readonly FakeLMStudioInstance[];
  /** Queues a fault for the next matching call or connection. Faults are taken in the order queued. */
  injectFault(fault: LMStudioFault, match?: LMStudioFaultMatch): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Faults still queued. */
  readonly pendingFaultCount: number;
  /** Forgets recorded calls and connections and queued faults (loaded instances stay). */
  reset(): void;
  /** Cuts every open connection at once, as LM Studio quitting does; the server keeps listening. */
  dropConnections(): void;
  /** Stops listening and cuts every connection. Safe to call twice. */
  close(): Promise<void>;
}
