import { checkStreamSequence, type StreamPart } from '@modelyard/core';
import { check, eventually, expectModelyardError, PROMPT_ABORT_MS, withProvider } from './assertions';
import { isGenerationRequest, type ProviderContractOptions } from './contract-options';
import { contractRequest } from './contract-request';

/** Everything a stream yielded, and what it threw (if it threw). */
export interface CollectedStream {
  parts: StreamPart[];
  thrown: unknown;
  didThrow: boolean;
}

/** Reads a stream to its end; `onPart` may abort or stop early by returning `'stop'`. */
export async function collectStream(
  stream: AsyncIterable<StreamPart>,
  onPart: (part: StreamPart, index: number) => 'stop' | undefined = () => undefined,
): Promise<CollectedStream> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) {
      parts.push(part);
      if (onPart(part, parts.length - 1) === 'stop') break;
    }
    return { parts, thrown: undefined, didThrow: false };
  } catch (error) {
    return { parts, thrown: error, didThrow: true };
  }
}

/** The failure a stream ended with: what it threw, or its `error` part. */
export function streamFailure(collected: CollectedStream): unknown {
  if (collected.didThrow) return collected.thrown;
  const last = collected.parts.at(-1);
  return last?.type === 'error' ? last.error : undefined;
}

/**
 * Streaming rules: a well-formed sequence (start, deltas, exactly one finish) whose text equals the
 * non-streamed answer; real increments when `supports.streaming`; prompt aborts; an early exit
 * closes the server's stream.
 */
export function streamingContract(options: ProviderContractOptions): void {
  const { describe, test, transport } = options;
  describe('streaming', () => {
    test('[streaming.sequence] a stream is start, text deltas, then exactly one finish', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(!collected.didThrow, `stream() threw ${String(collected.thrown)}`);
        const report = checkStreamSequence(collected.parts);
        check(
          report.isWellFormed && report.isComplete,
          `malformed stream: ${report.problems.join('; ') || 'no terminal part'}`,
        );
        const start = collected.parts[0];
        check(
          start?.type === 'start' && start.model.providerId === provider.id,
          'the start part does not name this provider',
        );
        const last = collected.parts.at(-1);
        check(last?.type === 'finish', `the stream ended with "${last?.type}", expected "finish"`);
        const deltas = collected.parts.filter((part) => part.type === 'text-delta').length;
        const minimum = provider.supports.streaming ? 2 : 1;
        check(
          deltas >= minimum,
          `the stream yielded ${deltas} text deltas; supports.streaming is ${provider.supports.streaming}, so at least ${minimum} expected`,
        );
      }));

    test('[streaming.matches-generate] the streamed text equals the generated text', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        const generated = await model.generate(contractRequest(options));
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(!collected.didThrow, `stream() threw ${String(collected.thrown)}`);
        const streamed = checkStreamSequence(collected.parts).text;
        check(
          streamed === generated.text,
          `streamed ${JSON.stringify(streamed)}, generated ${JSON.stringify(generated.text)}`,
        );
      }));

    test('[streaming.abort-before] an already aborted signal ends the stream with "aborted" and no text', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        const collected = await collectStream(model.stream(contractRequest(options), { signal: AbortSignal.abort() }));
        expectModelyardError(streamFailure(collected), ['aborted'], 'stream({ signal: aborted })');
        check(!collected.parts.some((part) => part.type === 'text-delta'), 'stream({ signal: aborted }) yielded text');
      }));

    test('[streaming.abort-during] aborting after the first delta ends the stream promptly with "aborted"', () =>
      withProvider(options, async (provider) => {
        if (transport.type === 'http')
          transport.server.injectFault({ type: 'trickle', chunkDelayMs: 300 }, { path: transport.generationPath });
        const model = await provider.loadModel(options.modelId);
        const controller = new AbortController();
        let abortedAt = 0;
        const collected = await collectStream(
          model.stream(contractRequest(options), { signal: controller.signal }),
          (part) => {
            if (part.type === 'text-delta' && abortedAt === 0) {
              abortedAt = Date.now();
              controller.abort();
            }
            return undefined;
          },
        );
        const tookMs = Date.now() - abortedAt;
        check(abortedAt !== 0, 'the stream yielded no text delta before ending');
        check(
          !collected.parts.some((part) => part.type === 'finish'),
          'the stream finished normally after being aborted',
        );
        expectModelyardError(streamFailure(collected), ['aborted'], 'a stream aborted after its first delta');
        check(
          tookMs <= PROMPT_ABORT_MS,
          `the stream took ${tookMs} ms to end after the abort, expected at most ${PROMPT_ABORT_MS} ms`,
        );
      }));

    if (transport.type === 'http') {
      test('[streaming.early-exit] leaving the loop early closes the server stream', () =>
        withProvider(options, async (provider) => {
          transport.server.injectFault({ type: 'trickle', chunkDelayMs: 300 }, { path: transport.generationPath });
          const model = await provider.loadModel(options.modelId);
          await collectStream(model.stream(contractRequest(options)), (part) =>
            part.type === 'text-delta' ? 'stop' : undefined,
          );
          const request = transport.server.requests.find((candidate) => isGenerationRequest(transport, candidate));
          check(request !== undefined, 'no request reached the generation endpoint');
          const closed = await eventually(() => request.clientClosed, PROMPT_ABORT_MS);
          check(closed, `the server stream was still open ${PROMPT_ABORT_MS} ms after the consumer left the loop`);
        }));
    }
  });
}
