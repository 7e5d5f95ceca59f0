import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeGguf } from './gguf-decoder';
import {
  resolveTinyLlamaOptions,
  TINY_LLAMA_CHAT_TEMPLATE,
  tinyLlamaGgufBytes,
  tinyLlamaParameterCount,
  writeTinyLlamaGguf,
} from './tiny-llama-gguf';
import { FIRST_PRINTABLE_TOKEN_ID } from './tiny-llama-vocabulary';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const metadataOf = (bytes: Uint8Array) =>
  Object.fromEntries(decodeGguf(bytes).metadata.map((entry) => [entry.key, entry.value]));

describe('tinyLlamaGgufBytes', () => {
  it('gives identical bytes for the same seed, and different weights for another seed', () => {
    const first = tinyLlamaGgufBytes({ seed: 7 });
    expect(tinyLlamaGgufBytes({ seed: 7 })).toEqual(first);
    const other = tinyLlamaGgufBytes({ seed: 8 });
    expect(other.length).toBe(first.length);
    expect(sha256(other)).not.toBe(sha256(first));
  });

  it('is pinned: the default model is byte for byte the one the tests and figures were made with', () => {
    const bytes = tinyLlamaGgufBytes();
    expect(bytes.length).toBe(521_056);
    expect(sha256(bytes)).toBe('15c581043792d5251b9662c8d0ffe2653a7b14d914a9fa0c27dda51243794c9a');
  });

  it('has 127,808 weights by default: embeddings, 2 blocks, output norm and projection', () => {
    // 356×64 embeddings; per block 2×64 norms + 4×64×64 attention + 3×64×128 feed-forward; 64 + 356×64 output.
    const expected = 356 * 64 + 2 * (2 * 64 + 4 * 64 * 64 + 3 * 64 * 128) + 64 + 356 * 64;
    expect(expected).toBe(127_808);
    expect(tinyLlamaParameterCount()).toBe(expected);
    expect(tinyLlamaParameterCount({ blockCount: 1 })).toBe(expected - (2 * 64 + 4 * 64 * 64 + 3 * 64 * 128));
  });

  it('writes the llama hyperparameters as UINT32 and the tokenizer arrays with their GGUF types', () => {
    const metadata = metadataOf(tinyLlamaGgufBytes({ seed: 3 }));
    expect(metadata['general.architecture']).toEqual({ type: 'string', value: 'llama' });
    expect(metadata['general.name']).toEqual({ type: 'string', value: 'Modelyard tiny llama (seed 3)' });
    expect(metadata['general.file_type']).toEqual({ type: 'uint32', value: 0 });
    expect(metadata['general.alignment']).toEqual({ type: 'uint32', value: 32 });
    for (const [key, value] of [
      ['llama.vocab_size', 356],
      ['llama.context_length', 512],
      ['llama.embedding_length', 64],
      ['llama.block_count', 2],
      ['llama.feed_forward_length', 128],
      ['llama.attention.head_count', 4],
      ['llama.attention.head_count_kv', 4],
      ['llama.rope.dimension_count', 16],
      ['tokenizer.ggml.unknown_token_id', 0],
      ['tokenizer.ggml.bos_token_id', 1],
      ['tokenizer.ggml.eos_token_id', 2],
    ] as const) {
      expect(metadata[key], key).toEqual({ type: 'uint32', value });
    }
    expect(metadata['llama.attention.layer_norm_rms_epsilon']).toEqual({ type: 'float32', value: Math.fround(1e-5) });
    expect(metadata['llama.rope.freq_base']).toEqual({ type: 'float32', value: 10_000 });
    expect(metadata['tokenizer.ggml.model']).toEqual({ type: 'string', value: 'llama' });
    expect(metadata['tokenizer.ggml.tokens']).toMatchObject({ type: 'array', itemType: 'string' });
    expect(metadata['tokenizer.ggml.scores']).toMatchObject({ type: 'array', itemType: 'float32' });
    expect(metadata['tokenizer.ggml.token_type']).toMatchObject({ type: 'array', itemType: 'int32' });
    expect(metadata['tokenizer.ggml.add_bos_token']).toEqual({ type: 'bool', value: true });
    expect(metadata['tokenizer.ggml.add_eos_token']).toEqual({ type: 'bool', value: false });
    expect(metadata['tokenizer.chat_template']).toEqual({ type: 'string', value: TINY_LLAMA_CHAT_TEMPLATE });
  });

  it('names the tensors as llama.cpp expects, in GGML dimension order', () => {
    const tensors = decodeGguf(tinyLlamaGgufBytes({ blockCount: 1, headCountKv: 2 })).tensors;
    expect(tensors.map((tensor) => [tensor.name, tensor.dimensions, tensor.type])).toEqual([
      ['token_embd.weight', [64, 356], 'f32'],
      ['blk.0.attn_norm.weight', [64], 'f32'],
      ['blk.0.attn_q.weight', [64, 64], 'f32'],
      ['blk.0.attn_k.weight', [64, 32], 'f32'],
      ['blk.0.attn_v.weight', [64, 32], 'f32'],
      ['blk.0.attn_output.weight', [64, 64], 'f32'],
      ['blk.0.ffn_norm.weight', [64], 'f32'],
      ['blk.0.ffn_gate.weight', [64, 128], 'f32'],
      ['blk.0.ffn_up.weight', [64, 128], 'f32'],
      ['blk.0.ffn_down.weight', [128, 64], 'f32'],
      ['output_norm.weight', [64], 'f32'],
      ['output.weight', [64, 356], 'f32'],
    ]);
  });

  it('sets norms to 1, scales matrices by sqrt(3 / fan-in), and scores only printable tokens in the output', () => {
    const tensors = decodeGguf(tinyLlamaGgufBytes({ seed: 5 })).tensors;
    const byName = new Map(tensors.map((tensor) => [tensor.name, tensor.data]));
    expect([...(byName.get('blk.1.ffn_norm.weight') ?? [])].every((value) => value === 1)).toBe(true);
    const attention = [...(byName.get('blk.0.attn_q.weight') ?? [])];
    const limit = Math.sqrt(3 / 64);
    expect(Math.max(...attention.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...attention.map(Math.abs))).toBeGreaterThan(limit * 0.9);
    const down = [...(byName.get('blk.0.ffn_down.weight') ?? [])];
    expect(Math.max(...down.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(3 / 128));
    const embedding = [...(byName.get('token_embd.weight') ?? [])];
    expect(Math.max(...embedding.map(Math.abs))).toBeGreaterThan(0.9);
    const output = byName.get('output.weight') ?? new Float32Array();
    expect(output.subarray(0, FIRST_PRINTABLE_TOKEN_ID * 64).every((value) => value === 0)).toBe(true);
    expect(output.subarray(FIRST_PRINTABLE_TOKEN_ID * 64).every((value) => value !== 0)).toBe(true);
  });

  it('writes F16 matrices (norms stay F32) and file type 1 when asked', () => {
    const bytes = tinyLlamaGgufBytes({ tensorType: 'f16' });
    expect(bytes.length).toBe(266_080);
    const decoded = decodeGguf(bytes);
    expect(metadataOf(bytes)['general.file_type']).toEqual({ type: 'uint32', value: 1 });
    expect(decoded.tensors.find((tensor) => tensor.name === 'output_norm.weight')?.type).toBe('f32');
    expect(decoded.tensors.find((tensor) => tensor.name === 'output.weight')?.type).toBe('f16');
  });

  it('leaves the chat template out when it is null, and uses a given one', () => {
    expect(metadataOf(tinyLlamaGgufBytes({ chatTemplate: null }))['tokenizer.chat_template']).toBeUndefined();
    expect(metadataOf(tinyLlamaGgufBytes({ chatTemplate: '{{ x }}' }))['tokenizer.chat_template']).toEqual({
      type: 'string',
      value: '{{ x }}',
    });
  });
});

describe('resolveTinyLlamaOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveTinyLlamaOptions()).toEqual({
      seed: 1,
      name: 'Modelyard tiny llama (seed 1)',
      embeddingLength: 64,
      blockCount: 2,
      headCount: 4,
      headCountKv: 4,
      feedForwardLength: 128,
      contextLength: 512,
      tensorType: 'f32',
      chatTemplate: TINY_LLAMA_CHAT_TEMPLATE,
    });
    expect(resolveTinyLlamaOptions({ seed: 0, headCount: 2, name: 'x' })).toMatchObject({
      seed: 0,
      name: 'x',
      headCountKv: 2,
    });
  });

  it.each([
    [{ blockCount: 0 }, 'blockCount must be a positive integer, got 0'],
    [{ embeddingLength: 1.5 }, 'embeddingLength must be a positive integer, got 1.5'],
    [{ contextLength: -1 }, 'contextLength must be a positive integer, got -1'],
    [{ feedForwardLength: 0 }, 'feedForwardLength must be a positive integer'],
    [{ headCount: 0 }, 'headCount must be a positive integer'],
    [{ headCountKv: 0 }, 'headCountKv must be a positive integer'],
    [{ embeddingLength: 30, headCount: 4 }, 'embeddingLength must be a multiple of headCount'],
    [{ headCount: 4, headCountKv: 3 }, 'headCount must be a multiple of headCountKv'],
  ])('refuses %o', (options, message) => {
    expect(() => resolveTinyLlamaOptions(options)).toThrow(message);
  });

  it('accepts the smallest shape', () => {
    expect(() => resolveTinyLlamaOptions({ blockCount: 1, headCount: 1, embeddingLength: 1 })).not.toThrow();
  });
});

describe('writeTinyLlamaGguf', () => {
  it('writes the bytes to the path, creating folders', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tiny-llama-'));
    try {
      const path = join(folder, 'nested', 'model.gguf');
      const written = await writeTinyLlamaGguf({ path, seed: 4 });
      expect(written).toEqual({ path, sizeBytes: 521_056 });
      expect(new Uint8Array(await readFile(path))).toEqual(tinyLlamaGgufBytes({ seed: 4 }));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
