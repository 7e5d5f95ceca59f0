// The fault-injection soak: many requests through Modelyard over six providers whose loopback
// fakes fail in every way the testkit's fakes can, at high concurrency. It counts what came back
// and checks that nothing was lost, nothing rejected unhandled and no answer was silently cut.
// Shared by bench/soak.ts (10,000 requests) and test/soak.test.ts (a few hundred).
// Erasable TypeScript only: Node runs bench files by stripping the types.
import { checkStreamSequence, type ModelProvider, ModelyardError, type StreamPart } from '@modelyard/core';
import { FallbackError } from '@modelyard/fallback';
import { createCustomProvider } from '@modelyard/provider-custom';
import { createOpenRouter } from '@modelyard/provider-openrouter';
import {
  type Fault,
  type OpenAICompatibleFake,
  startOpenAICompatibleFake,
  startOpenRouterFake,
} from '@modelyard/testkit';
import type { createModelyard as CreateModelyard } from '../src/index.ts';

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** `createModelyard` of the build under test (the dist in the script, the source in the test). */
  createModelyard: typeof CreateModelyard;
  /** Requests to send. */
  requests: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Chance (0–1) that a request's server is told to fail it. */
  failureRate: number;
  /** Seed of the fault choices. */
  seed?: number;
  /** Requests per round; the fakes forget their recorded requests between rounds. */
  roundSize?: number;
  /** Circuit breakers on (the runner's default) or off. Default on. */
  breakers?: boolean;
}

/** What a soak found. */
export interface SoakReport {
  requests: number;
  concurrency: number;
  providers: number;
  /** Answers whose text is exactly what the answering fake says for that prompt. */
  succeeded: number;
  /** Rejections (or in-band stream errors) with a typed error (`FallbackError` or another `ModelyardError`). */
  failedTyped: number;
  /** Of those, the ones whose error lists at least one attempt. */
  failedWithAttempts: number;
  /** Of those, `FallbackError`s without an attempt: every candidate was skipped because its breaker was open. */
  failedFastBreakersOpen: number;
  /** Of those, `NoEligibleModelError`s: no provider's listing answered at that moment. */
  failedNoModelListed: number;
  /** Requests that never settled, or settled with something that is not a typed error. */
  lost: number;
  unhandledRejections: number;
  /** Answers reported complete whose text is not the full answer, or streams without a terminal part. */
  silentTruncations: number;
  /** Faults injected into chat requests, by type (status faults by code). */
  faultsInjected: Record<string, number>;
  /** Fallbacks that happened (attempts on another model after a failure). */
  attempts: number;
  heapUsedBeforeBytes: number;
  /** After the first round: code compiled and pools warmed up, so growth from here on is what a leak would show. */
  heapUsedAfterFirstRoundBytes: number;
  heapUsedAfterBytes: number;
  durationMs: number;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every way a fake can fail a chat request (plus the slow-but-correct ones). */
export const SOAK_FAULTS: readonly { name: string; fault: Fault }[] = [
  { name: '401', fault: { type: 'status', status: 401, body: { error: { message: 'Invalid API key' } } } },
  { name: '404', fault: { type: 'status', status: 404, body: { error: { message: 'Not found' } } } },
  {
    name: '429',
    fault: {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { message: 'Rate limited' } },
    },
  },
  { name: '500', fault: { type: 'status', status: 500, body: { error: { message: 'Internal error' } } } },
  { name: '503', fault: { type: 'status', status: 503, body: { error: { message: 'Unavailable' } } } },
  { name: 'malformed', fault: { type: 'malformed' } },
  { name: 'drop', fault: { type: 'drop', afterChunks: 2 } },
  { name: 'truncate', fault: { type: 'truncate', afterChunks: 2 } },
  { name: 'stall', fault: { type: 'stall' } },
  { name: 'reset', fault: { type: 'reset' } },
];

/** Slow but correct answers, mixed in on top of the failures. */
export const SOAK_SLOW_FAULTS: readonly { name: string; fault: Fault }[] = [
  { name: 'latency', fault: { type: 'latency', ms: 20 } },
  { name: 'trickle', fault: { type: 'trickle', chunkDelayMs: 2 } },
];

function heapUsed(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  return process.memoryUsage().heapUsed;
}

/** Runs the soak and reports; see {@link SoakReport}. */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const random = seededRandom(options.seed ?? 1);
  const roundSize = options.roundSize ?? 500;
  const faultsInjected: Record<string, number> = {};
  const fakes: OpenAICompatibleFake[] = [];
  const providers: ModelProvider[] = [];

  // A fetch that, before a chat request leaves, tells that request's server to fail it (with the
  // configured probability). The fault is taken by the next chat request that server receives.
  const faultingFetch =
    (fake: OpenAICompatibleFake, chatPath: string): typeof fetch =>
    (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/chat/completions')) {
        const draw = random();
        if (draw < options.failureRate) {
          const choice = SOAK_FAULTS[Math.floor(random() * SOAK_FAULTS.length)] as (typeof SOAK_FAULTS)[number];
          fake.injectFault(choice.fault, { path: chatPath });
          faultsInjected[choice.name] = (faultsInjected[choice.name] ?? 0) + 1;
        } else if (draw < options.failureRate + 0.05) {
          const choice = SOAK_SLOW_FAULTS[
            Math.floor(random() * SOAK_SLOW_FAULTS.length)
          ] as (typeof SOAK_SLOW_FAULTS)[number];
          fake.injectFault(choice.fault, { path: chatPath });
          faultsInjected[choice.name] = (faultsInjected[choice.name] ?? 0) + 1;
        }
      } else if (url.endsWith('/models') && random() < options.failureRate / 3) {
        fake.injectFault(
          { type: 'status', status: 503, body: { error: { message: 'Unavailable' } } },
          { path: new URL(url).pathname },
        );
        faultsInjected['listing-503'] = (faultsInjected['listing-503'] ?? 0) + 1;
      }
      return fetch(input, init);
    };

  for (let index = 0; index < 5; index += 1) {
    const modelId = `soak-model-${index}`;
    const fake = await startOpenAICompatibleFake({ models: [{ id: modelId }] });
    fakes.push(fake);
    providers.push(
      createCustomProvider({
        name: `server-${index}`,
        baseURL: fake.baseURL,
        fetch: faultingFetch(fake, '/v1/chat/completions'),
        cacheTtlMs: 1000,
        models: [
          {
            id: modelId,
            contextLength: 8192,
            pricing: { inputPerToken: 0.000_000_1, outputPerToken: 0.000_000_2, perRequest: 0 },
          },
        ],
      }),
    );
  }
  const openRouterFake = await startOpenRouterFake({
    apiKey: 'soak-key',
    models: [{ id: 'vendor/soak-model:free', contextLength: 8192, pricing: { prompt: 0, completion: 0 } }],
  });
  fakes.push(openRouterFake);
  providers.push(
    createOpenRouter({
      baseURL: openRouterFake.baseURL,
      apiKey: 'soak-key',
      cacheTtlMs: 1000,
      fetch: faultingFetch(openRouterFake, '/api/v1/chat/completions'),
    }),
  );

  const modelyard = options.createModelyard({
    providers,
    hardware: null,
    discovery: { cacheTtlMs: 1000, timeoutMs: 2000 },
    fallback: {
      maxRetries: 1,
      retryDelayMs: 1,
      maxRetryDelayMs: 5,
      breaker: { enabled: options.breakers ?? true, cooldownMs: 500 },
      timeouts: { totalMs: 10_000, attemptMs: 1500, firstTokenMs: 1000, idleMs: 1000 },
    },
  });

  let unhandledRejections = 0;
  const onUnhandled = () => {
    unhandledRejections += 1;
  };
  process.on('unhandledRejection', onUnhandled);

  const report: SoakReport = {
    requests: options.requests,
    concurrency: options.concurrency,
    providers: providers.length,
    succeeded: 0,
    failedTyped: 0,
    failedWithAttempts: 0,
    failedFastBreakersOpen: 0,
    failedNoModelListed: 0,
    lost: 0,
    unhandledRejections: 0,
    silentTruncations: 0,
    faultsInjected,
    attempts: 0,
    heapUsedBeforeBytes: heapUsed(),
    heapUsedAfterFirstRoundBytes: 0,
    heapUsedAfterBytes: 0,
    durationMs: 0,
  };
  const started = performance.now();

  function countFailure(error: unknown): void {
    if (FallbackError.isInstance(error)) {
      report.failedTyped += 1;
      report.attempts += error.attempts.length;
      if (error.attempts.length > 0) report.failedWithAttempts += 1;
      else if (error.skipped.length > 0 && error.skipped.every((skip) => skip.reason === 'breaker-open')) {
        report.failedFastBreakersOpen += 1;
      }
    } else if (ModelyardError.isInstance(error)) {
      report.failedTyped += 1;
      if (error.name === 'NoEligibleModelError') report.failedNoModelListed += 1;
    } else {
      report.lost += 1;
    }
  }

  async function one(index: number): Promise<void> {
    const prompt = `soak request ${index}`;
    const request = { messages: [{ role: 'user' as const, content: prompt }] };
    try {
      if (index % 2 === 0) {
        const result = await modelyard.generate(request);
        report.attempts += result.attempts.length;
        if (result.text === `${result.model.modelId} heard: ${prompt}` && result.finishReason === 'stop')
          report.succeeded += 1;
        else report.silentTruncations += 1;
        return;
      }
      const stream = modelyard.stream(request);
      const parts: StreamPart[] = [];
      for await (const part of stream) if (part.type !== 'restart') parts.push(part);
      report.attempts += stream.attempts.length;
      const sequence = checkStreamSequence(parts);
      const last = parts.at(-1);
      const start = parts[0];
      if (!sequence.isComplete || !sequence.isWellFormed) report.silentTruncations += 1;
      else if (last?.type === 'error') countFailure(last.error);
      else if (start?.type === 'start' && sequence.text === `${start.model.modelId} heard: ${prompt}`)
        report.succeeded += 1;
      else report.silentTruncations += 1;
    } catch (error) {
      countFailure(error);
    }
  }

  for (let roundStart = 0; roundStart < options.requests; roundStart += roundSize) {
    const roundEnd = Math.min(options.requests, roundStart + roundSize);
    let next = roundStart;
    let settled = 0;
    const workers = Array.from({ length: Math.min(options.concurrency, roundEnd - roundStart) }, async () => {
      while (next < roundEnd) {
        const index = next;
        next += 1;
        await one(index);
        settled += 1;
      }
    });
    // A request that never settles shows as lost once the round's deadline passes.
    const deadline = new Promise<'timeout'>((resolve) => setTimeout(resolve, 120_000, 'timeout').unref());
    const outcome = await Promise.race([Promise.all(workers).then(() => 'done' as const), deadline]);
    if (outcome === 'timeout') report.lost += roundEnd - roundStart - settled;
    for (const fake of fakes) fake.reset();
    if (roundStart === 0) report.heapUsedAfterFirstRoundBytes = heapUsed();
  }

  report.durationMs = Math.round(performance.now() - started);
  await modelyard.dispose();
  for (const fake of fakes) await fake.close();
  // Let aborted sockets settle before counting what was left unhandled.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  report.unhandledRejections = unhandledRejections;
  report.heapUsedAfterBytes = heapUsed();
  return report;
}
