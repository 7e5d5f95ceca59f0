import type { GenerateRequest, GenerateResult } from '@modelyard/core';
import { fail, succeed } from './attempt-outcome';
import type { FallbackCallOptions } from './call-options';
import type { Candidate } from './candidate';
import type { AttemptRecord } from './fallback-events';
import { beginAttempt, type Next, nextTurn, type Runtime, startRun } from './fallback-run';

/** A generated answer, with every attempt it took (the last one is the answer's). */
export type FallbackGenerateResult = GenerateResult & { attempts: AttemptRecord[] };

/** Runs `request` over `candidates` until one answers; see `FallbackRunner.generate`. */
export async function runGenerate(
  runtime: Runtime,
  request: GenerateRequest,
  candidates: readonly Candidate[],
  callOptions: FallbackCallOptions | undefined,
): Promise<FallbackGenerateResult> {
  const run = await startRun(runtime, request, candidates, callOptions, false);
  try {
    let next: Next = await nextTurn(run);
    while ('turn' in next) {
      const attempt = beginAttempt(run, next.turn);
      const { scope } = attempt;
      try {
        const model = await scope.race(next.turn.candidate.load(scope.signal));
        const result = await scope.race(model.generate(request, scope.signal ? { signal: scope.signal } : {}));
        scope.dispose();
        await succeed(run, attempt, {
          timeToFirstTokenMs: result.timings.timeToFirstTokenMs,
          usage: result.usage,
          tokensPerSecond: result.timings.tokensPerSecond,
          costUsd: result.costUsd,
        });
        return { ...result, attempts: run.attempts };
      } catch (error) {
        scope.dispose();
        next = await fail(run, attempt, error, { canContinue: true });
      }
    }
    throw next.error;
  } finally {
    run.scope.dispose();
  }
}
