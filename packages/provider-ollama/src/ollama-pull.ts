// Pulling a model: `/api/pull` streams progress lines (status, and per layer its digest, bytes
// completed and bytes total) until `success`. Ollama resumes a cancelled pull where it stopped.
import { type PullModelOptions, type PullProgress, parseResponseWithSchema } from '@modelyard/core';
import { pullProgressSchema } from './ollama-api';
import type { OllamaModelContext } from './ollama-language-model';

type PullLine = ReturnType<typeof pullProgressSchema.parse>;

function byteCount(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * One progress line in core's words: `status` as the server says it, `layer` the digest being
 * downloaded, `completedBytes` and `totalBytes` of that layer. Ollama leaves `completed` out until
 * some bytes of a layer arrived; what it leaves out stays out.
 */
export function pullProgressOf(line: PullLine): PullProgress {
  const layer = line.digest ?? undefined;
  const completedBytes = byteCount(line.completed);
  const totalBytes = byteCount(line.total);
  return {
    status: line.status,
    ...(layer ? { layer } : {}),
    ...(completedBytes === undefined ? {} : { completedBytes }),
    ...(totalBytes === undefined ? {} : { totalBytes }),
  };
}

/**
 * Pulls `modelId`, reporting each progress line to `onProgress`. Resolves once the server says
 * `success`; rejects with a ModelyardError (`not_found` for a model the registry does not have,
 * `aborted` when the signal fires; an `onProgress` that throws stops the pull with its error).
 */
export async function pullOllamaModel(
  context: OllamaModelContext,
  modelId: string,
  options: PullModelOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  const call = context.connection.open(signal);
  try {
    const lines = await call.client.pull({ model: modelId, stream: true });
    for await (const raw of lines) {
      const line = parseResponseWithSchema(pullProgressSchema, raw, {
        providerId: context.providerId,
        modelId,
        what: 'a pull progress line',
      });
      onProgress?.(pullProgressOf(line));
    }
  } catch (error) {
    throw context.classify(error, signal, modelId);
  } finally {
    call.transport.close();
  }
}
