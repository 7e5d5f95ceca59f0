import {
  type CallOptions,
  type Clock,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ModelIdentity,
  ModelyardError,
  type StreamPart,
  systemClock,
  type Timings,
  type Usage,
} from '@modelyard/core';
import {
  countUsage,
  errorOfStep,
  isMockFailure,
  isMockHang,
  type MockAnswer,
  type MockCall,
  type MockScript,
  type MockStep,
  splitIntoChunks,
} from './mock-step';

/** Options of {@link createMockLanguageModel}. */
export interface MockLanguageModelOptions {
  /** Which model this is. */
  identity: ModelIdentity;
  /** What successive calls do. Defaults to answering `Hello from <provider>/<model>.` every time. */
  script?: MockScript;
  /** The clock latencies are spent on. Defaults to the system clock; use a fake clock in tests. */
  clock?: Clock;
}

/** A scripted {@link LanguageModel} that records its calls. */
export interface MockLanguageModel extends LanguageModel {
  /** Every call received, in order. */
  readonly calls: readonly MockCall[];
  /** Replaces the script; the next call takes the new script's first step. */
  setScript(script: MockScript): void;
}

function abortedError(model: ModelIdentity): ModelyardError {
  return new ModelyardError({
    kind: 'aborted',
    message: 'The call was aborted',
    providerId: model.providerId,
    modelId: model.modelId,
  });
}

function finalUsage(request: GenerateRequest, chunks: readonly string[], answer: MockAnswer): Usage {
  return { ...countUsage(request, chunks.length), ...answer.usage };
}

function timingsOf(startedAt: number, firstTokenAt: number | null, endedAt: number, usage: Usage): Timings {
  const generationMs = endedAt - (firstTokenAt ?? startedAt);
  const tokensPerSecond =
    usage.outputTokens !== null && generationMs > 0 ? (usage.outputTokens * 1000) / generationMs : null;
  return {
    totalMs: endedAt - startedAt,
    timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - startedAt,
    tokensPerSecond,
    loadMs: null,
  };
}

/**
 * A language model that does what its script says, on the injected clock: answer (whole or in
 * chunks), fail with any error kind (optionally after some chunks), or stall until aborted.
 * Aborting the signal rejects at once with kind `aborted`. For tests of the fallback runner,
 * the monitor and users' own code, without HTTP.
 */
export function createMockLanguageModel(options: MockLanguageModelOptions): MockLanguageModel {
  const identity = { ...options.identity };
  const clock = options.clock ?? systemClock;
  const calls: MockCall[] = [];
  let script: MockScript = options.script ?? [{ text: `Hello from ${identity.providerId}/${identity.modelId}.` }];
  let scriptStart = 0;

  function beginCall(method: MockCall['method'], request: GenerateRequest): { call: MockCall; step: MockStep } {
    const call: MockCall = { index: calls.length, method, request, startedAt: clock.now(), outcome: 'pending' };
    calls.push(call);
    const step =
      typeof script === 'function'
        ? script(call)
        : (script[Math.min(call.index - scriptStart, script.length - 1)] as MockStep | undefined);
    if (step === undefined) throw new TypeError('A mock script must have at least one step');
    return { call, step };
  }

  async function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
    await new Promise<void>((_resolve, reject) => {
      if (signal?.aborted) reject(abortedError(identity));
      signal?.addEventListener('abort', () => reject(abortedError(identity)), { once: true });
    });
    throw abortedError(identity);
  }

  async function pause(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw abortedError(identity);
    if (ms === undefined || ms <= 0) return;
    try {
      await clock.sleep(ms, signal);
    } catch {
      throw abortedError(identity);
    }
  }

  function settle(call: MockCall, error: unknown): never {
    call.outcome = ModelyardError.isInstance(error) ? error.kind : 'unknown';
    throw error;
  }

  return {
    identity,
    get calls() {
      return calls;
    },
    setScript(next) {
      script = next;
      scriptStart = calls.length;
    },

    async generate(request: GenerateRequest, callOptions: CallOptions = {}): Promise<GenerateResult> {
      const { call, step } = beginCall('generate', request);
      const { signal } = callOptions;
      try {
        if (isMockHang(step)) return await waitForAbort(signal);
        await pause(step.latencyMs, signal);
        if (isMockFailure(step)) throw errorOfStep(step, identity);
        const chunks = step.chunks ?? splitIntoChunks(step.text);
        const usage = finalUsage(request, chunks, step);
        const endedAt = clock.now();
        call.outcome = 'ok';
        return {
          text: step.text,
          finishReason: step.finishReason ?? 'stop',
          usage,
          timings: timingsOf(call.startedAt, chunks.length > 0 ? endedAt : null, endedAt, usage),
          model: { ...identity },
          costUsd: step.costUsd ?? null,
          warnings: step.warnings ?? [],
          providerMetadata: { mockCallIndex: call.index },
        };
      } catch (error) {
        return settle(call, error);
      }
    },

    async *stream(request: GenerateRequest, callOptions: CallOptions = {}): AsyncGenerator<StreamPart> {
      const { call, step } = beginCall('stream', request);
      const { signal } = callOptions;
      let delivered = 0;
      let firstTokenAt: number | null = null;
      try {
        await pause(isMockHang(step) ? 0 : step.latencyMs, signal);
        yield {
          type: 'start',
          model: { ...identity },
          warnings: isMockFailure(step) || isMockHang(step) ? [] : (step.warnings ?? []),
        };
        const text = step.text ?? '';
        const chunks = ('chunks' in step ? step.chunks : undefined) ?? splitIntoChunks(text);
        const emitCount =
          isMockFailure(step) || isMockHang(step) ? Math.min(step.afterChunks ?? 0, chunks.length) : chunks.length;
        const chunkDelayMs = 'chunkDelayMs' in step ? step.chunkDelayMs : undefined;
        for (let index = 0; index < emitCount; index++) {
          if (index > 0) await pause(chunkDelayMs, signal);
          const chunk = chunks[index] as string;
          firstTokenAt ??= clock.now();
          delivered += chunk.length;
          yield { type: 'text-delta', text: chunk };
        }
        if (isMockHang(step)) await waitForAbort(signal);
        if (isMockFailure(step)) {
          const error = errorOfStep(step, identity);
          if (step.delivery !== 'part') throw error;
          call.outcome = error.kind;
          yield { type: 'error', error, deliveredCharacters: delivered };
          return;
        }
        const answer = step as MockAnswer;
        const usage = finalUsage(request, chunks, answer);
        yield { type: 'usage', usage };
        call.outcome = 'ok';
        yield {
          type: 'finish',
          finishReason: answer.finishReason ?? 'stop',
          usage,
          timings: timingsOf(call.startedAt, firstTokenAt, clock.now(), usage),
          costUsd: answer.costUsd ?? null,
          providerMetadata: { mockCallIndex: call.index },
        };
      } catch (error) {
        settle(call, error);
      } finally {
        // A consumer that stops early (break/return) ends the call: record it as aborted.
        if (call.outcome === 'pending') call.outcome = 'aborted';
      }
    },
  };
}
