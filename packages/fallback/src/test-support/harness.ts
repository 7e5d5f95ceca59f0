// Shared helpers of the fallback tests (not part of the package).
import type { CallSample, GenerateRequest, MetricsSink, ModelInfo, ModelInfoInput } from '@modelyard/core';
import { modelInfoSchema } from '@modelyard/core';
import {
  createFakeClock,
  createMockLanguageModel,
  type FakeClock,
  type MockLanguageModel,
  type MockScript,
} from '@modelyard/testkit';
import type { AttemptRecord, BreakerChangeEvent, FallbackEvent } from '../fallback-events';
import { createFallbackRunner, type FallbackOptions, type FallbackRunner, type FallbackStreamPart } from '../index';

/** A one-message request of 16 characters (4 estimated input tokens). */
export const request: GenerateRequest = { messages: [{ role: 'user', content: 'Tell me a story' }] };

/** Everything a test observes about a runner. */
export interface Harness {
  clock: FakeClock;
  runner: FallbackRunner;
  samples: CallSample[];
  attempts: AttemptRecord[];
  fallbacks: FallbackEvent[];
  breakerChanges: BreakerChangeEvent[];
  /** Creates a mock model on the harness clock. */
  model(key: string, script?: MockScript): MockLanguageModel;
}

/**
 * A runner on a fake clock (starting at 1,000,000 ms, advancing by itself unless told not to),
 * with a recording metrics sink and hooks, and a random source that always returns 0.5.
 */
export function createHarness(options: FallbackOptions = {}, clockOptions: { autoAdvance?: boolean } = {}): Harness {
  const clock = createFakeClock({ now: 1_000_000, autoAdvance: clockOptions.autoAdvance ?? true });
  const samples: CallSample[] = [];
  const attempts: AttemptRecord[] = [];
  const fallbacks: FallbackEvent[] = [];
  const breakerChanges: BreakerChangeEvent[] = [];
  const sink: MetricsSink = { record: (sample) => samples.push(sample) };
  const runner = createFallbackRunner({
    clock,
    random: () => 0.5,
    metricsSink: sink,
    ...options,
    hooks: {
      onAttempt: (record) => attempts.push(record),
      onFallback: (event) => fallbacks.push(event),
      onBreakerChange: (event) => breakerChanges.push(event),
      ...options.hooks,
    },
  });
  return {
    clock,
    runner,
    samples,
    attempts,
    fallbacks,
    breakerChanges,
    model(key, script) {
      const [providerId = 'mock', modelId = key] = key.includes('/') ? key.split(/\/(.*)/s) : ['mock', key];
      return createMockLanguageModel({ identity: { providerId, modelId }, clock, ...(script ? { script } : {}) });
    },
  };
}

/** A listing entry for `providerId/modelId` with the given fields. */
export function infoOf(key: string, fields: Partial<ModelInfoInput> = {}): ModelInfo {
  const [providerId = '', modelId = ''] = key.split(/\/(.*)/s);
  return modelInfoSchema.parse({ providerId, modelId, providerKind: 'mock', locality: 'remote', ...fields });
}

/** Every part of a stream, and what iterating threw (if anything). */
export async function collect(
  stream: AsyncIterable<FallbackStreamPart>,
): Promise<{ parts: FallbackStreamPart[]; thrown: unknown }> {
  const parts: FallbackStreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
  } catch (error) {
    return { parts, thrown: error };
  }
  return { parts, thrown: undefined };
}

/** The rejection of a promise (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The text of the parts, concatenated. */
export function textOf(parts: readonly FallbackStreamPart[]): string {
  return parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
}
