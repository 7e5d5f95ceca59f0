import { open } from 'node:fs/promises';
import type { MemoryEstimate } from '@modelyard/core';
import { GgmlType, GgufFileType, GgufInsights, type Llama, readGgufFileInfo } from 'node-llama-cpp';
import { localModelError } from './local-error';
import type { ModelFile } from './model-files';

/** What a GGUF file's metadata says about the model, read without loading it. */
export interface ModelFacts {
  /** `general.architecture`: `llama`, `qwen2`, `gemma3`… */
  architecture: string;
  /** `general.name`. */
  name: string | null;
  /** `general.description`. */
  description: string | null;
  /** Weights in the file (from the tensor shapes). */
  parameterCount: number;
  /** `Q4_K_M`, `Q8_0`, `F16`, `F32`… from `general.file_type`, else the dominant tensor type. */
  quantization: string | null;
  /** The context length the model was trained for, in tokens; `null` when the file does not say. */
  trainContextLength: number | null;
  /** `tokenizer.chat_template`, when the file has one. */
  chatTemplate: string | null;
  /** Layers llama.cpp can offload to a GPU (blocks plus the output layer). */
  layerCount: number;
  /** Whether this llama.cpp build can run the architecture. */
  isSupported: boolean;
  /** Memory the model needs at `contextLength` tokens, by node-llama-cpp's estimators. */
  estimateMemory(contextLength: number): Promise<MemoryEstimate>;
}

const GGUF_MAGIC = Buffer.from('GGUF');

/** Throws a `not_gguf` LocalModelError unless the file starts with the GGUF magic (and the file-system error when it cannot be read). */
export async function checkGgufMagic(path: string, context: { providerId: string; modelId: string }): Promise<void> {
  const handle = await open(path, 'r');
  try {
    // A file shorter than 4 bytes leaves zeros in the buffer, which never match.
    const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (!buffer.equals(GGUF_MAGIC))
      throw localModelError('not_gguf', { ...context, path, detail: 'it does not start with "GGUF"' });
  } finally {
    await handle.close();
  }
}

/** `MOSTLY_Q4_K_M` → `Q4_K_M`, `ALL_F32` → `F32`; falls back to the dominant tensor type's name. */
export function quantizationName(fileType: number | undefined, dominantTensorType: number | undefined): string | null {
  const fileTypeName = fileType === undefined ? undefined : GgufFileType[fileType];
  if (fileTypeName !== undefined) return fileTypeName.replace(/^(MOSTLY|ALL)_/, '');
  const tensorTypeName = dominantTensorType === undefined ? undefined : GgmlType[dominantTensorType];
  return tensorTypeName ?? null;
}

async function sumEstimates(
  estimates: Promise<{ cpuRam: number; gpuVram: number }>[],
): Promise<{ cpuRam: number; gpuVram: number }> {
  const resolved = await Promise.all(estimates);
  return resolved.reduce((sum, next) => ({ cpuRam: sum.cpuRam + next.cpuRam, gpuVram: sum.gpuVram + next.gpuVram }), {
    cpuRam: 0,
    gpuVram: 0,
  });
}

/**
 * Memory at `contextLength`: RAM when every layer runs on the CPU (model + context), and VRAM
 * when every layer is offloaded. With a GPU backend both come from node-llama-cpp's simulator;
 * a CPU-only build cannot simulate a GPU, so VRAM then comes from its formula estimator.
 */
export async function estimateWithInsights(
  insights: GgufInsights,
  contextLength: number,
  hasGpuBackend: boolean,
): Promise<MemoryEstimate> {
  const onCpu = await sumEstimates([
    insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 }),
    insights.estimateContextResourceRequirementsV2({ contextSize: contextLength, modelGpuLayers: 0 }),
  ]);
  const gpuLayers = insights.totalLayers;
  const onGpu = hasGpuBackend
    ? await sumEstimates([
        insights.estimateModelResourceRequirementsV2({ gpuLayers }),
        insights.estimateContextResourceRequirementsV2({ contextSize: contextLength, modelGpuLayers: gpuLayers }),
      ])
    : await sumEstimates([
        Promise.resolve(insights.estimateModelResourceRequirements({ gpuLayers })),
        Promise.resolve(
          insights.estimateContextResourceRequirements({ contextSize: contextLength, modelGpuLayers: gpuLayers }),
        ),
      ]);
  return { contextLength, ramBytes: onCpu.cpuRam + onCpu.gpuVram, vramBytes: onGpu.gpuVram };
}

/**
 * Reads a model file's metadata without loading its weights. Throws a LocalModelError when the
 * file is not GGUF or is shorter than its tensors say (a truncated download).
 */
export async function readModelFacts(
  file: ModelFile,
  llama: Llama,
  context: { providerId: string; signal?: AbortSignal },
): Promise<ModelFacts> {
  const errorContext = { providerId: context.providerId, modelId: file.modelId, path: file.path };
  await checkGgufMagic(file.path, errorContext);
  const info = await readGgufFileInfo(file.path, {
    logWarnings: false,
    sourceType: 'filesystem',
    signal: context.signal,
  });
  // node-llama-cpp's insights assume the architecture key every model file has.
  if (info.metadata.general?.architecture === undefined)
    throw localModelError('unsupported', { ...errorContext, detail: 'no general.architecture in its metadata' });
  const insights = await GgufInsights.from(info, llama);
  const dataEnd = (info.infoEndOffset ?? 0) + insights.modelSize;
  if (info.splicedParts === 1 && file.sizeBytes !== null && dataEnd > file.sizeBytes)
    throw localModelError('not_gguf', {
      ...errorContext,
      detail: `${file.sizeBytes} bytes, but its tensors end at byte ${dataEnd}: truncated or corrupted`,
    });
  const general = info.metadata.general;
  const hasGpuBackend = llama.gpu !== false;
  return {
    architecture: general.architecture,
    name: general.name ?? null,
    description: general.description ?? null,
    parameterCount: insights.totalParameters,
    quantization: quantizationName(general.file_type, insights.dominantTensorType),
    trainContextLength: insights.trainContextSize ?? null,
    chatTemplate: info.metadata.tokenizer?.chat_template ?? null,
    layerCount: insights.totalLayers,
    isSupported: insights.isSupportedByLlamaCpp,
    estimateMemory: (contextLength) => estimateWithInsights(insights, contextLength, hasGpuBackend),
  };
}
