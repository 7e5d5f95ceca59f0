import {
  type Clock,
  type FinishReason,
  type GenerateRequest,
  ModelyardError,
  type Timings,
  type Usage,
} from '@modelyard/core';
import type { LlamaChatResponse } from 'node-llama-cpp';
import { toChatHistory } from './chat-history';
import { grammarFor, toSamplingOptions } from './generation-options';
import type { LoadedModel, LocalRuntime } from './local-runtime';
import { tokensPerSecond } from './timing';

/** One generation on a loaded model. */
export interface GenerationRun {
  runtime: LocalRuntime;
  loaded: LoadedModel;
  request: GenerateRequest;
  /** Aborts generation (the caller's signal, an early exit, or the provider's dispose). */
  signal: AbortSignal;
  clock: Clock;
  /** When the call started (before any loading), in the clock's ms. */
  startedAt: number;
  /** Time spent loading the model for this call, in ms (0 when it was loaded). */
  loadMs: number;
  providerId: string;
  /** Called with each non-empty piece of text, as llama.cpp produces it. */
  onText(text: string): void;
}

/** What a finished generation gives back. */
export interface GenerationOutcome {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  timings: Timings;
  providerMetadata: Record<string, unknown>;
}

/** node-llama-cpp's stop reason in core's words. */
export function finishReasonOf(stopReason: LlamaChatResponse['metadata']['stopReason']): FinishReason {
  switch (stopReason) {
    case 'maxTokens':
      return 'length';
    case 'functionCalls':
      return 'tool_calls';
    case 'abort':
      return 'other';
    default:
      return 'stop';
  }
}

function countPromptTokens(loaded: LoadedModel, history: ReturnType<typeof toChatHistory>): number {
  const { contextText } = loaded.chat.chatWrapper.generateContextState({ chatHistory: history });
  return contextText.tokenize(loaded.model.tokenizer).length;
}

/**
 * Runs one generation, streaming text through `onText`. The prompt must leave room in the context
 * (else `context_length`): llama.cpp would otherwise drop the start of the conversation silently.
 * Output stops at `maxOutputTokens` or at the end of the context, whichever comes first.
 */
export async function runGeneration(run: GenerationRun): Promise<GenerationOutcome> {
  const { loaded, request, clock } = run;
  const history = toChatHistory(request, run.providerId);
  const grammar = await grammarFor(request, run.loaded.model.llama, run.providerId);
  return run.runtime.exclusive(loaded, run.signal, async () => {
    const promptTokens = countPromptTokens(loaded, history);
    if (promptTokens >= loaded.contextSize)
      throw new ModelyardError({
        kind: 'context_length',
        message: `The prompt is ${promptTokens} tokens; the model is loaded with a context of ${loaded.contextSize}`,
        providerId: run.providerId,
        modelId: loaded.modelId,
      });
    const room = loaded.contextSize - promptTokens;
    const maxTokens = Math.min(request.maxOutputTokens ?? room, room);
    const sequence = loaded.chat.sequence;
    const meterBefore = sequence.tokenMeter.getState();
    const pieces: string[] = [];
    let firstTokenAt: number | null = null;
    let stopReason: LlamaChatResponse['metadata']['stopReason'] = 'maxTokens';
    // node-llama-cpp reads maxTokens 0 as "no limit": zero tokens asked means generating nothing.
    if (maxTokens > 0) {
      const response = await loaded.chat.generateResponse(history, {
        ...toSamplingOptions(request),
        ...(grammar === undefined ? {} : { grammar }),
        maxTokens,
        signal: run.signal,
        onTextChunk: (text) => {
          if (text === '') return;
          firstTokenAt ??= clock.now();
          pieces.push(text);
          run.onText(text);
        },
      });
      stopReason = response.metadata.stopReason;
    }
    const finishedAt = clock.now();
    const outputTokens = sequence.tokenMeter.diff(meterBefore).usedOutputTokens;
    return {
      text: pieces.join(''),
      finishReason: finishReasonOf(stopReason),
      usage: { inputTokens: promptTokens, outputTokens, totalTokens: promptTokens + outputTokens },
      timings: {
        totalMs: finishedAt - run.startedAt,
        timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - run.startedAt,
        tokensPerSecond: tokensPerSecond(outputTokens, firstTokenAt, finishedAt),
        loadMs: run.loadMs,
      },
      providerMetadata: {
        stopReason,
        contextSize: loaded.contextSize,
        gpuLayers: loaded.model.gpuLayers,
        threads: run.runtime.threads,
      },
    };
  });
}
