import { type Logger, ModelyardError } from '@modelyard/core';
import { getLlama, type Llama, LlamaLogLevel } from 'node-llama-cpp';

/** How llama.cpp is started: GPU backend choice and where its log lines go. */
export interface LlamaStartOptions {
  gpu: 'auto' | false;
  logger: Logger;
  providerId: string;
}

/** Routes llama.cpp's log lines (warnings and errors only) to a Modelyard logger. */
export function routeLlamaLog(logger: Logger): (level: LlamaLogLevel, message: string) => void {
  return (level, message) => {
    const line = `llama.cpp: ${message.trim()}`;
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) logger.error(line);
    else if (level === LlamaLogLevel.warn) logger.warn(line);
    else logger.debug(line);
  };
}

/**
 * Starts llama.cpp from the prebuilt binary that fits the machine. Never builds from source and
 * never downloads anything (`build: 'never'`, `skipDownload`): a missing binary fails fast as an
 * `unavailable` error that says which package to install.
 */
export async function startLlama(options: LlamaStartOptions): Promise<Llama> {
  try {
    return await getLlama({
      gpu: options.gpu,
      build: 'never',
      skipDownload: true,
      progressLogs: false,
      logLevel: LlamaLogLevel.warn,
      logger: routeLlamaLog(options.logger),
    });
  } catch (error) {
    throw new ModelyardError({
      kind: 'unavailable',
      retryable: false,
      message: `llama.cpp could not start: no usable node-llama-cpp binary for ${process.platform}-${process.arch} (install the matching @node-llama-cpp/* package)`,
      providerId: options.providerId,
      cause: error,
    });
  }
}

/** Threads per generation: the setting, else one fewer than the CPU's math cores (at least 1). */
export function resolveThreads(configured: number | undefined, cpuMathCores: number): number {
  return configured ?? Math.max(1, cpuMathCores - 1);
}

/**
 * Memory the loaded models may hold together, in bytes: the setting, else the machine's total
 * RAM and VRAM minus the safety padding node-llama-cpp keeps for the system.
 */
export async function resolveMemoryLimit(configured: number | undefined, llama: Llama): Promise<number> {
  if (configured !== undefined) return configured;
  const [ram, vram] = await Promise.all([llama.getRamState(), llama.getVramState()]);
  return Math.max(0, ram.total - llama.ramPaddingSize) + Math.max(0, vram.total - llama.vramPaddingSize);
}
