import type { GgufTensor } from './gguf-types';
import { createSeededRandom, type SeededRandom } from './seeded-random';
import type { ResolvedTinyLlamaOptions } from './tiny-llama-gguf';
import { FIRST_PRINTABLE_TOKEN_ID, tinyLlamaVocabulary } from './tiny-llama-vocabulary';

/** Values uniform in ±sqrt(3 / fanIn): unit variance after a matrix product of width `fanIn`. */
function randomMatrix(random: SeededRandom, columns: number, rows: number): Float32Array {
  const scale = Math.sqrt(3 / columns);
  return Float32Array.from({ length: columns * rows }, () => random.nextSigned() * scale);
}

/**
 * The tensors of the tiny llama model, in llama.cpp's names and GGML dimension order
 * (`[input width, output width]`). Norm weights are 1 (F32); every matrix is drawn, in this fixed
 * order, from one SplitMix32 sequence seeded with `options.seed`. The output projection has zero
 * rows for the special and byte tokens, so only printable ASCII tokens ever win a greedy pick.
 */
export function tinyLlamaTensors(options: ResolvedTinyLlamaOptions): GgufTensor[] {
  const random = createSeededRandom(options.seed);
  const width = options.embeddingLength;
  const vocabularySize = tinyLlamaVocabulary().length;
  const keyValueWidth = (width / options.headCount) * options.headCountKv;
  const matrix = (name: string, columns: number, rows: number): GgufTensor => ({
    name,
    dimensions: [columns, rows],
    type: options.tensorType,
    data: randomMatrix(random, columns, rows),
  });
  const norm = (name: string): GgufTensor => ({
    name,
    dimensions: [width],
    type: 'f32',
    data: new Float32Array(width).fill(1),
  });
  const embedding: GgufTensor = {
    name: 'token_embd.weight',
    dimensions: [width, vocabularySize],
    type: options.tensorType,
    data: Float32Array.from({ length: width * vocabularySize }, () => random.nextSigned()),
  };
  const tensors = [embedding];
  for (let block = 0; block < options.blockCount; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      norm(`${prefix}.attn_norm.weight`),
      matrix(`${prefix}.attn_q.weight`, width, width),
      matrix(`${prefix}.attn_k.weight`, width, keyValueWidth),
      matrix(`${prefix}.attn_v.weight`, width, keyValueWidth),
      matrix(`${prefix}.attn_output.weight`, width, width),
      norm(`${prefix}.ffn_norm.weight`),
      matrix(`${prefix}.ffn_gate.weight`, width, options.feedForwardLength),
      matrix(`${prefix}.ffn_up.weight`, width, options.feedForwardLength),
      matrix(`${prefix}.ffn_down.weight`, options.feedForwardLength, width),
    );
  }
  const output = matrix('output.weight', width, vocabularySize);
  output.data.fill(0, 0, FIRST_PRINTABLE_TOKEN_ID * width);
  tensors.push(norm('output_norm.weight'), output);
  return tensors;
}
