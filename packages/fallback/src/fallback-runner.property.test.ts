import { checkStreamSequence, type ErrorKind, type LanguageModel, type StreamPart } from '@modelyard/core';
import type { MockLanguageModel, MockStep } from '@modelyard/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FallbackError } from './fallback-error';
import type { FallbackOptions } from './fallback-options';
import { collect, createHarness, type Harness, request } from './test-support/harness';

const RETRY_KINDS = ['unavailable', 'timeout', 'rate_limit', 'invalid_response'] as const;
const MOVE_ON_KINDS = ['auth', 'not_found', 'bad_request', 'unknown', 'context_length', 'content_filter'] as const;
const TEXTS = ['Once upon a time', 'hello world', 'x', ''];

const answerStep = fc.record({
  text: fc.constantFrom(...TEXTS),
  latencyMs: fc.integer({ min: 0, max: 400 }),
  chunkDelayMs: fc.integer({ min: 0, max: 60 }),
});
const failureStep = (kinds: readonly ErrorKind[], withChunks: boolean) =>
  fc.record({
    error: fc.record({
      kind: fc.constantFrom(...kinds),
      retryAfterMs: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
    }),
    latencyMs: fc.integer({ min: 0, max: 400 }),
    afterChunks: withChunks ? fc.integer({ min: 0, max: 3 }) : fc.constant(0),
    text: fc.constant('one two three four'),
  });
const hangStep = fc.record({
  hang: fc.constant(true as const),
  afterChunks: fc.integer({ min: 0, max: 2 }),
  text: fc.constant('stalled stream text'),
});

/** Any behaviour, stalls and stops included: runs must be bounded by a deadline. */
const anyStep: fc.Arbitrary<MockStep> = fc.oneof(
  answerStep,
  failureStep([...RETRY_KINDS, ...MOVE_ON_KINDS, 'aborted'], true),
  hangStep,
);

const candidatesArbitrary = (step: fc.Arbitrary<MockStep>) =>
  fc.array(
    fc.record({
      providerId: fc.constantFrom('p1', 'p2', 'p3'),
      script: fc.array(step, { minLength: 1, maxLength: 4 }),
      isDeaf: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  );

const limitsArbitrary = fc.record({
  maxRetries: fc.integer({ min: 0, max: 3 }),
  maxAttempts: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
  retryDelayMs: fc.integer({ min: 0, max: 1_000 }),
  preferDifferentProvider: fc.boolean(),
  restartStreamOnFailure: fc.boolean(),
  timeouts: fc.record({
    totalMs: fc.integer({ min: 0, max: 5_000 }),
    attemptMs: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: null }),
    firstTokenMs: fc.option(fc.integer({ min: 1, max: 1_000 }), { nil: null }),
    idleMs: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  }),
});

/** A model that ignores its abort signal: its call never settles. */
function deafModel(identity: { providerId: string; modelId: string }): LanguageModel {
  return {
    identity,
    generate: () => new Promise(() => {}),
    stream: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }),
    }),
  };
}

interface Built {
  harness: Harness;
  mocks: (MockLanguageModel | null)[];
  models: LanguageModel[];
}

function build(
  candidates: { providerId: string; script: MockStep[]; isDeaf: boolean }[],
  options: FallbackOptions,
  allowDeaf: boolean,
): Built {
  const harness = createHarness(options);
  const mocks = candidates.map((candidate, index) =>
    allowDeaf && candidate.isDeaf ? null : harness.model(`${candidate.providerId}/m${index}`, candidate.script),
  );
  const models = mocks.map(
    (mock, index) => mock ?? deafModel({ providerId: candidates[index]?.providerId ?? 'p1', modelId: `m${index}` }),
  );
  return { harness, mocks, models };
}

function checkAttemptBounds(
  built: Built,
  attempts: readonly { model: { modelId: string } }[],
  options: { maxRetries: number; maxAttempts: number | null },
) {
  if (options.maxAttempts !== null) expect(attempts.length).toBeLessThanOrEqual(options.maxAttempts);
  expect(attempts.length).toBeLessThanOrEqual(built.models.length * (options.maxRetries + 1));
  built.models.forEach((model, index) => {
    const onModel = attempts.filter((record) => record.model.modelId === model.identity.modelId).length;
    expect(onModel).toBeLessThanOrEqual(options.maxRetries + 1);
    // every call the model received is an attempt the run reports
    const mock = built.mocks[index];
    if (mock) expect(mock.calls.length).toBe(onModel);
  });
}

describe('fallback runner (properties over random fault scripts)', () => {
  it('generate: never more attempts than configured, every call reported, done by the deadline, no timer left', async () => {
    await fc.assert(
      fc.asyncProperty(candidatesArbitrary(anyStep), limitsArbitrary, async (candidates, limits) => {
        const built = build(candidates, { ...limits, breaker: { enabled: false } }, true);
        const { clock, runner } = built.harness;
        const startedAt = clock.now();
        let attempts: readonly { model: { modelId: string } }[] = [];
        try {
          attempts = (await runner.generate(request, built.models)).attempts;
        } catch (error) {
          expect(FallbackError.isInstance(error)).toBe(true);
          attempts = (error as FallbackError).attempts;
        }
        expect(clock.now() - startedAt).toBeLessThanOrEqual(limits.timeouts.totalMs);
        checkAttemptBounds(built, attempts, limits);
        expect(built.harness.samples).toHaveLength(attempts.length);
        expect(clock.pendingCount).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('stream: a complete answer from one model, or an error — never a silent truncation', async () => {
    await fc.assert(
      fc.asyncProperty(candidatesArbitrary(anyStep), limitsArbitrary, async (candidates, limits) => {
        const built = build(candidates, { ...limits, breaker: { enabled: false } }, true);
        const { clock, runner } = built.harness;
        const startedAt = clock.now();
        const stream = runner.stream(request, built.models);
        const { parts, thrown } = await collect(stream);
        expect(clock.now() - startedAt).toBeLessThanOrEqual(limits.timeouts.totalMs);
        checkAttemptBounds(built, stream.attempts, limits);
        expect(clock.pendingCount).toBe(0);
        if (thrown !== undefined) {
          expect(FallbackError.isInstance(thrown)).toBe(true);
          expect(parts).toEqual([]);
          return;
        }
        const restartAt = parts.findLastIndex((part) => part.type === 'restart');
        const tail = parts.slice(restartAt + 1) as StreamPart[];
        const report = checkStreamSequence(
          restartAt === -1
            ? tail
            : [{ type: 'start', model: { providerId: 'p1', modelId: 'x' }, warnings: [] }, ...tail],
        );
        expect(report.problems).toEqual([]);
        expect(report.isComplete).toBe(true);
        const last = parts.at(-1);
        if (last?.type === 'finish') {
          const answering = stream.attempts.at(-1);
          expect(answering?.outcome).toBe('ok');
          const index = built.models.findIndex((model) => model.identity.modelId === answering?.model.modelId);
          const mock = built.mocks[index] as MockLanguageModel;
          const script = candidates[index]?.script ?? [];
          const step = script[Math.min(mock.calls.length - 1, script.length - 1)] as { text: string };
          expect(report.text).toBe(step.text);
        } else {
          expect(last?.type).toBe('error');
          if (last?.type === 'error') expect(last.deliveredCharacters).toBe(report.text.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('if any candidate would succeed within the limits, the run succeeds (generate and stream)', async () => {
    const fixableStep: fc.Arbitrary<MockStep> = fc.oneof(
      answerStep,
      failureStep([...RETRY_KINDS, ...MOVE_ON_KINDS], false),
    );
    await fc.assert(
      fc.asyncProperty(
        candidatesArbitrary(fixableStep),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        async (candidates, maxRetries, isStream) => {
          const wouldSucceed = candidates.some(({ script }) => {
            const first = script.findIndex((step) => 'text' in step && !('error' in step));
            if (first === -1 || first > maxRetries) return false;
            return script
              .slice(0, first)
              .every(
                (step) =>
                  'error' in step && (RETRY_KINDS as readonly string[]).includes((step.error as { kind: string }).kind),
              );
          });
          fc.pre(wouldSucceed);
          const built = build(candidates, { maxRetries, breaker: { enabled: false } }, false);
          const { runner } = built.harness;
          if (isStream) {
            const { parts, thrown } = await collect(runner.stream(request, built.models));
            expect(thrown).toBeUndefined();
            expect(parts.at(-1)?.type).toBe('finish');
          } else {
            await expect(runner.generate(request, built.models)).resolves.toMatchObject({ finishReason: 'stop' });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never calls a model or provider whose breaker is open (half-open probes aside)', async () => {
    const breakerArbitrary = fc.record({
      failureThreshold: fc.integer({ min: 1, max: 3 }),
      cooldownMs: fc.integer({ min: 0, max: 600 }),
      halfOpenProbes: fc.integer({ min: 1, max: 2 }),
      minimumSamples: fc.integer({ min: 1, max: 4 }),
    });
    const step: fc.Arbitrary<MockStep> = fc.oneof(
      answerStep,
      failureStep([...RETRY_KINDS, 'auth', 'bad_request'], false),
    );
    await fc.assert(
      fc.asyncProperty(
        candidatesArbitrary(step),
        breakerArbitrary,
        fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 1, maxLength: 6 }),
        async (candidates, breaker, pauses) => {
          const built = build(candidates, { maxRetries: 1, breaker }, false);
          const { runner, clock } = built.harness;
          const violations: string[] = [];
          const guarded = built.models.map(
            (model): LanguageModel => ({
              identity: model.identity,
              async generate(request, options) {
                const modelState = await runner.modelBreakerState(model.identity);
                const providerState = await runner.providerBreakerState(model.identity.providerId);
                if (modelState === 'open' || providerState === 'open')
                  violations.push(`${model.identity.modelId}@${clock.now()}`);
                return model.generate(request, options);
              },
              stream: model.stream,
            }),
          );
          for (const pause of pauses) {
            await clock.advance(pause);
            await runner.generate(request, guarded).catch((error) => {
              if (!FallbackError.isInstance(error)) throw error;
            });
          }
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
