import type { MemoryEstimate, ModelWeights } from '@modelyard/core';
import { bitsPerWeight } from './quantization';

/** Bits per weight assumed when the quantization is unknown: unquantized fp16, the safe side. */
export const UNKNOWN_QUANTIZATION_BITS = 16;
/** Runtime buffers (compute graph, scratch) as a share of the weights' size. */
export const RUNTIME_OVERHEAD_SHARE = 0.1;
/**
 * KV-cache bytes per token per √parameter. An fp16 KV cache holds 2 × layers × KV width × 2 bytes
 * per token; across today's grouped-query models that grows like the square root of the
 * parameter count: 1.5 × √8e9 ≈ 134 KB for an 8B model (Llama 3.1 8B measures 128 KiB),
 * 1.5 × √70e9 ≈ 397 KB for a 70B model (Llama 3.1 70B: 320 KiB).
 */
export const KV_CACHE_BYTES_PER_SQRT_PARAMETER = 1.5;

/** Memory a model needs at one context length, in bytes, and where the figure came from. */
export interface ModelMemory {
  /** Bytes of system memory when the model runs on the CPU only. */
  ramBytes: number;
  /** Bytes of GPU memory when every layer is offloaded. */
  vramBytes: number;
  /**
   * `provider_estimate`: the runtime's own figure (`weights.memoryEstimates`);
   * `formula`: computed from size or parameter count, quantization and context (see {@link estimateModelMemory}).
   */
  source: 'provider_estimate' | 'formula';
}

function providerEstimateFor(estimates: readonly MemoryEstimate[], contextLength: number): MemoryEstimate | undefined {
  let best: MemoryEstimate | undefined;
  for (const estimate of estimates) {
    if (estimate.contextLength < contextLength) continue;
    if (best === undefined || estimate.contextLength < best.contextLength) best = estimate;
  }
  return best;
}

function largestEstimate(estimates: readonly MemoryEstimate[]): MemoryEstimate | undefined {
  let largest: MemoryEstimate | undefined;
  for (const estimate of estimates) {
    if (largest === undefined || estimate.contextLength > largest.contextLength) largest = estimate;
  }
  return largest;
}

/** The two terms of the memory formula; see {@link estimateModelMemory}. */
export interface FormulaTerms {
  /** Weights plus runtime overhead, in bytes. */
  baseBytes: number;
  /** KV cache per token of context, in bytes. */
  kvCacheBytesPerToken: number;
}

/** The formula's terms from the size or the parameter count; `null` when neither is known. */
export function formulaTerms(weights: ModelWeights): FormulaTerms | null {
  const { sizeBytes, parameterCount, quantization } = weights;
  if (sizeBytes === null && parameterCount === null) return null;
  const bits = (quantization === null ? null : bitsPerWeight(quantization)) ?? UNKNOWN_QUANTIZATION_BITS;
  const weightsBytes = sizeBytes ?? ((parameterCount as number) * bits) / 8;
  const parameters = parameterCount ?? ((sizeBytes as number) * 8) / bits;
  return {
    baseBytes: weightsBytes * (1 + RUNTIME_OVERHEAD_SHARE),
    kvCacheBytesPerToken: KV_CACHE_BYTES_PER_SQRT_PARAMETER * Math.sqrt(parameters),
  };
}

/**
 * Estimates the memory a model needs to serve `contextLength` tokens.
 *
 * 1. The provider's own estimate, when one covers the context: the one with the smallest
 *    `contextLength` ≥ the requested one (memory only grows with context).
 * 2. Otherwise the formula, when the size or the parameter count is known:
 *    `weights = sizeBytes ?? parameterCount × bits / 8`,
 *    `parameters = parameterCount ?? sizeBytes × 8 / bits`,
 *    `kvCache = 1.5 × √parameters × contextLength`,
 *    `needed = weights × 1.1 + kvCache` (the same for RAM and VRAM), where `bits` comes from the
 *    quantization ({@link bitsPerWeight}) or is 16 when unknown.
 * 3. Otherwise the provider's estimate at its largest context (an underestimate, the best there is).
 *
 * @param weights what is known about the weights (`ModelInfo.weights`).
 * @param contextLength tokens of context the model must hold.
 * @returns `null` when nothing is known to estimate from.
 */
export function estimateModelMemory(weights: ModelWeights | null, contextLength: number): ModelMemory | null {
  if (weights === null) return null;
  const covering = providerEstimateFor(weights.memoryEstimates, contextLength);
  if (covering !== undefined) {
    return { ramBytes: covering.ramBytes, vramBytes: covering.vramBytes, source: 'provider_estimate' };
  }
  const terms = formulaTerms(weights);
  if (terms !== null) {
    const neededBytes = terms.baseBytes + terms.kvCacheBytesPerToken * contextLength;
    return { ramBytes: neededBytes, vramBytes: neededBytes, source: 'formula' };
  }
  const largest = largestEstimate(weights.memoryEstimates);
  return largest === undefined
    ? null
    : { ramBytes: largest.ramBytes, vramBytes: largest.vramBytes, source: 'provider_estimate' };
}
