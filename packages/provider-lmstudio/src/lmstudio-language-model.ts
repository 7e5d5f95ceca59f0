// One model of LM Studio: generate and stream through the SDK's respond() on a loaded instance,
// with LM Studio's stats as usage and timings.

import type { LLMPredictionStats, LMStudioClient, OngoingPrediction, PredictionResult } from '@lmstudio/sdk';
import {
  type CallOptions,
  type Clock,
  type GenerateRequest,
  type GenerateResult,
  generateRequestSchema,
  type LanguageModel,
  type ModelIdentity,
  type ModelyardError,
  type ProviderSupports,
  parseWithSchema,
  type StreamPart,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import { chatOf, predictionConfigOf } from './lmstudio-chat';
import type { LMStudioConnection } from './lmstudio-connection';
import { type CallGuard, guardCall, raceGuard } from './lmstudio-deadline';
import {
  abortedError,
  disposedError,
  type LMStudioErrorContext,
  stopReasonError,
  timeoutError,
} from './lmstudio-error';
import { finishReasonOf, statsMetadata, timingsOf, usageOf } from './lmstudio-stats';

/** What a language model shares with its provider. */
export interface LMStudioModelContext {
  providerId: string;
  baseUrl: string;
  connection: LMStudioConnection;
  clock: Clock;
  supports: ProviderSupports;
  /** Bound of one generation, in ms. */
  timeoutMs: number;
  /** Turns anything thrown into a ModelyardError (and notes connection failures). */
  classify(thrown: unknown, signal: AbortSignal | undefined, modelId: string): ModelyardError;
}

/**
 * The language model `modelId`, answering through the loaded instance `identifier` (LM Studio's
 * name of one loaded copy of the model; usually the model key itself).
 */
export function createLMStudioLanguageModel(
  context: LMStudioModelContext,
  modelId: string,
  identifier: string,
): LanguageModel {
  const identity: ModelIdentity = { providerId: context.providerId, modelId };
  const errorContext = (signal?: AbortSignal): LMStudioErrorContext => ({
    providerId: context.providerId,
    modelId,
    baseUrl: context.baseUrl,
    signal,
  });

  function prepare(request: GenerateRequest) {
    const parsed = parseWithSchema(generateRequestSchema, request, 'GenerateRequest');
    const config = predictionConfigOf(parsed);
    const warnings = unsupportedGenerationOptions(parsed, context.supports).map(
      (name) => `${name} is not supported by ${context.providerId} (LM Studio SDK 1.5) and was not sent`,
    );
    return { parsed, config, warnings };
  }

  function guard(signal: AbortSignal | undefined): CallGuard {
    return guardCall({
      signal,
      timeoutMs: context.timeoutMs,
      onTimeout: () => timeoutError(errorContext(), 'the generation', context.timeoutMs),
      onAbort: (reason) => abortedError(errorContext(), reason),
      disposed: context.connection.disposedSignal,
      onDisposed: () => disposedError(errorContext()),
    });
  }

  async function startPrediction(
    request: GenerateRequest,
    guarded: CallGuard,
    signal: AbortSignal | undefined,
  ): Promise<{ prediction: OngoingPrediction; warnings: string[] }> {
    if (signal?.aborted) throw abortedError(errorContext(), signal.reason);
    const { parsed, config, warnings } = prepare(request);
    const client: LMStudioClient = await raceGuard(context.connection.ready(signal), guarded);
    const chat = await raceGuard(
      chatOf(parsed, (fileName, image) => client.files.prepareImageBase64(fileName, image.base64)),
      guarded,
    );
    const handle = client.llm.createDynamicHandle({ identifier });
    const prediction = handle.respond(chat, { ...config, signal: guarded.signal });
    return { prediction, warnings };
  }

  function complete(
    result: PredictionResult,
    signal: AbortSignal | undefined,
  ): { stats: LLMPredictionStats; metadata: Record<string, unknown> } {
    const failure = stopReasonError(result.stats.stopReason, errorContext(signal));
    if (failure !== null) throw failure;
    return {
      stats: result.stats,
      metadata: { ...statsMetadata(result.stats), identifier: result.modelInfo.identifier },
    };
  }

  return {
    identity,

    async generate(request: GenerateRequest, options: CallOptions = {}): Promise<GenerateResult> {
      const { signal } = options;
      const startedAt = context.clock.now();
      const guarded = guard(signal);
      try {
        const { prediction, warnings } = await startPrediction(request, guarded, signal);
        const result = await raceGuard(Promise.resolve(prediction), guarded);
        const { stats, metadata } = complete(result, signal);
        const usage = usageOf(stats);
        return {
          text: result.content,
          finishReason: finishReasonOf(stats.stopReason),
          usage,
          timings: timingsOf(stats, { totalMs: context.clock.now() - startedAt, timeToFirstTokenMs: null }),
          model: { ...identity },
          // Local inference has no price.
          costUsd: 0,
          warnings,
          providerMetadata: metadata,
        };
      } catch (error) {
        throw context.classify(error, signal, modelId);
      } finally {
        guarded.release();
      }
    },

    async *stream(request: GenerateRequest, options: CallOptions = {}): AsyncGenerator<StreamPart> {
      const { signal } = options;
      const startedAt = context.clock.now();
      const guarded = guard(signal);
      let isFinished = false;
      try {
        const { prediction, warnings } = await startPrediction(request, guarded, signal);
        yield { type: 'start', model: { ...identity }, warnings };
        let firstTokenAt: number | null = null;
        const fragments = prediction[Symbol.asyncIterator]();
        while (true) {
          // An abort between two parts ends the stream before anything else is read.
          if (guarded.signal.aborted) await guarded.stopped;
          const next = await raceGuard(fragments.next(), guarded);
          if (next.done) break;
          if (next.value.content.length === 0) continue;
          firstTokenAt ??= context.clock.now();
          yield { type: 'text-delta', text: next.value.content };
        }
        const result = await raceGuard(Promise.resolve(prediction), guarded);
        const { stats, metadata } = complete(result, signal);
        const usage = usageOf(stats);
        yield { type: 'usage', usage };
        isFinished = true;
        yield {
          type: 'finish',
          finishReason: finishReasonOf(stats.stopReason),
          usage,
          timings: timingsOf(stats, {
            totalMs: context.clock.now() - startedAt,
            timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
          }),
          costUsd: 0,
          providerMetadata: metadata,
        };
      } catch (error) {
        // The prediction failed or was stopped (an abort or a deadline already cancelled it).
        isFinished = true;
        throw context.classify(error, signal, modelId);
      } finally {
        // Leaving the loop early stops the generation in LM Studio too.
        if (!isFinished) guarded.cancel();
        guarded.release();
      }
    },
  };
}
