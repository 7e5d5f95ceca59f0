import {
  type GenerateRequest,
  type ModelIdentity,
  ModelyardError,
  type StreamErrorPart,
  type StreamPart,
  type Usage,
} from '@modelyard/core';
import { type AttemptMeasures, abandon, fail, succeed } from './attempt-outcome';
import type { FallbackCallOptions } from './call-options';
import type { Candidate, ResolvedCandidate } from './candidate';
import type { AttemptRecord } from './fallback-events';
import { beginAttempt, type Next, nextTurn, type Run, type Runtime, startRun } from './fallback-run';

/**
 * Opt-in (`restartStreamOnFailure`): the model that delivered text failed, and another model
 * starts over. The caller must discard the text it received since the last `start`/`restart`.
 */
export interface StreamRestartPart {
  type: 'restart';
  /** The model that answers from here on. */
  model: ModelIdentity;
  /** Its warnings (as in `start`). */
  warnings: string[];
  /** Characters received before the restart, to discard. */
  discardedCharacters: number;
  /** The failure that caused the restart. */
  error: ModelyardError;
}

/** What a fallback stream yields: core stream parts, plus `restart` when opted in. */
export type FallbackStreamPart = StreamPart | StreamRestartPart;

/**
 * A stream over the candidates. It yields one `start`, then text, then `finish` — or, when a
 * failure comes after text was delivered, an `error` part saying how much was. When every
 * candidate fails before any text, iterating throws the {@link FallbackError}.
 */
export interface FallbackStream extends AsyncGenerator<FallbackStreamPart, void, undefined> {
  /** The attempts so far; complete once the stream has ended. */
  readonly attempts: readonly AttemptRecord[];
}

const ignore = () => {};

// Leaving the model's stream must not wait for it: a stalled model may never settle.
function closeQuietly(iterator: AsyncIterator<StreamPart> | undefined): void {
  try {
    iterator?.return?.().then(ignore, ignore);
  } catch {
    // an iterator whose return() throws has nothing left to close
  }
}

function openingParts(
  held: readonly StreamPart[],
  candidate: ResolvedCandidate,
  run: Run,
  restartError: ModelyardError | null,
): FallbackStreamPart[] {
  const start = held.find((part) => part.type === 'start') ?? {
    type: 'start' as const,
    model: { ...candidate.identity },
    warnings: [],
  };
  const usageParts = held.filter((part) => part.type === 'usage');
  if (restartError === null) return [start, ...usageParts];
  const restart: StreamRestartPart = {
    type: 'restart',
    model: start.model,
    warnings: start.warnings,
    discardedCharacters: run.deliveredCharacters,
    error: restartError,
  };
  run.deliveredCharacters = 0;
  return [restart, ...usageParts];
}

async function* streamParts(
  runtime: Runtime,
  request: GenerateRequest,
  candidates: readonly Candidate[],
  callOptions: FallbackCallOptions | undefined,
  onRun: (run: Run) => void,
): AsyncGenerator<FallbackStreamPart, void, undefined> {
  const run = await startRun(runtime, request, candidates, callOptions, true);
  onRun(run);
  const { clock } = runtime;
  let hasEmitted = false;
  let restartError: ModelyardError | null = null;
  try {
    let next: Next = await nextTurn(run);
    while ('turn' in next) {
      const attempt = beginAttempt(run, next.turn);
      const { scope } = attempt;
      const { candidate } = next.turn;
      const held: StreamPart[] = [];
      const measures: AttemptMeasures = { timeToFirstTokenMs: null, usage: null, tokensPerSecond: null, costUsd: null };
      let iterator: AsyncIterator<StreamPart> | undefined;
      let isOpen = false;
      let isSettled = false;
      try {
        scope.arm('first-token', run.timeouts.firstTokenMs);
        const model = await scope.race(candidate.load(scope.signal));
        iterator = model.stream(request, { signal: scope.signal })[Symbol.asyncIterator]();
        for (;;) {
          const step = await scope.race(iterator.next());
          if (step.done) {
            throw new ModelyardError({
              kind: 'invalid_response',
              message: 'The stream ended without a finish or error part',
              providerId: candidate.identity.providerId,
              modelId: candidate.identity.modelId,
            });
          }
          const part = step.value;
          if (part.type === 'error') throw part.error;
          if (part.type === 'usage') measures.usage = part.usage;
          // A repeated start changes nothing: before the opening the first one held wins.
          if (part.type === 'start' && isOpen) continue;
          if (!isOpen && (part.type === 'start' || part.type === 'usage')) {
            held.push(part);
            continue;
          }
          // The caller holds the part now: its time is not the model's idle time.
          scope.arm('idle', null);
          if (!isOpen) {
            // The opening part is the first text (or an empty answer's finish).
            if (part.type === 'text-delta') measures.timeToFirstTokenMs = clock.now() - attempt.startedAt;
            isOpen = true;
            hasEmitted = true;
            const opening = openingParts(held, candidate, run, restartError);
            restartError = null;
            yield* opening;
          }
          if (part.type === 'text-delta') run.deliveredCharacters += part.text.length;
          if (part.type === 'finish') {
            isSettled = true;
            await succeed(
              run,
              attempt,
              finishMeasures(measures, part.usage, part.timings.tokensPerSecond, part.costUsd),
            );
            yield part;
            return;
          }
          yield part;
          scope.arm('idle', run.timeouts.idleMs);
        }
      } catch (error) {
        isSettled = true;
        const canContinue = !isOpen || runtime.settings.restartStreamOnFailure;
        next = await fail(run, attempt, error, { canContinue, measures });
        if (isOpen && 'turn' in next) restartError = run.lastFailure?.error ?? null;
      } finally {
        if (!isSettled) {
          scope.abandon();
          await abandon(run, attempt, measures);
        }
        scope.dispose();
        closeQuietly(iterator);
      }
    }
    if (!hasEmitted) throw next.error;
    const errorPart: StreamErrorPart = {
      type: 'error',
      error: next.error,
      deliveredCharacters: run.deliveredCharacters,
    };
    yield errorPart;
  } finally {
    run.scope.dispose();
  }
}

function finishMeasures(
  measures: AttemptMeasures,
  usage: Usage,
  tokensPerSecond: number | null,
  costUsd: number | null,
): AttemptMeasures {
  return { ...measures, usage, tokensPerSecond, costUsd };
}

/** Streams `request` over `candidates`; see `FallbackRunner.stream`. Nothing runs until iteration starts. */
export function runStream(
  runtime: Runtime,
  request: GenerateRequest,
  candidates: readonly Candidate[],
  callOptions: FallbackCallOptions | undefined,
): FallbackStream {
  let current: Run | null = null;
  const generator = streamParts(runtime, request, candidates, callOptions, (run) => {
    current = run;
  });
  return Object.defineProperty(generator, 'attempts', {
    get: () => (current === null ? [] : [...(current as Run).attempts]),
    enumerable: true,
  }) as FallbackStream;
}
