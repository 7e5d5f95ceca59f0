import { checkStreamSequence, type GenerateRequest, type StreamPart } from '@modelyard/core';
import type { TinyModelsDirectory } from '@modelyard/testkit/gguf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalProvider } from './local-provider';
import { HOOK_TIMEOUT_MS } from './test-support/timeouts';
import { createModelsFolder, createTestProvider } from './test-support/tiny-models';

let folder: TinyModelsDirectory;
let provider: LocalProvider;

const ask = (content: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
  messages: [{ role: 'user', content }],
  maxOutputTokens: 24,
  ...extra,
});

async function collect(stream: AsyncIterable<StreamPart>, stopAfterDeltas = Number.POSITIVE_INFINITY) {
  const parts: StreamPart[] = [];
  for await (const part of stream) {
    parts.push(part);
    if (parts.filter((candidate) => candidate.type === 'text-delta').length >= stopAfterDeltas) break;
  }
  return parts;
}

beforeAll(async () => {
  folder = await createModelsFolder();
  provider = createTestProvider(folder.path);
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await provider.dispose();
  await folder.remove();
}, HOOK_TIMEOUT_MS);

describe('greedy generation on the seed-1 tiny model', () => {
  it('gives the same text every time, and this exact text on this build', async () => {
    const model = await provider.loadModel('tiny-llama');
    const first = await model.generate(ask('Say hello to the contract suite', { temperature: 0 }));
    const second = await model.generate(ask('Say hello to the contract suite', { temperature: 0 }));
    expect(second.text).toBe(first.text);
    expect(first.text).toBe('\\ZM.PKfKfN}w666ow6os}w6!');
    // Greedy is also the default when no temperature is given.
    expect((await model.generate(ask('Write a haiku'))).text).toBe('H?g/Bm.VUw6B\\WgWgWgWgWgy');
  });

  it('reports usage, finish reason, timings and metadata', async () => {
    const model = await provider.loadModel('tiny-llama');
    const result = await model.generate(ask('Say hello to the contract suite'));
    // <s> <|im_start|> ▁user \n, ▁ + 31 characters, <|im_end|> \n <|im_start|> ▁assistant \n: 54 tokens.
    expect(result.usage).toEqual({ inputTokens: 54, outputTokens: 24, totalTokens: 78 });
    expect(result.finishReason).toBe('length');
    expect(result.model).toEqual({ providerId: 'local', modelId: 'tiny-llama' });
    expect(result.costUsd).toBe(0);
    expect(result.warnings).toEqual([]);
    expect(result.timings.loadMs).toBe(0);
    expect(result.timings.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.timeToFirstTokenMs ?? 0);
    expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
    expect(result.providerMetadata).toEqual({ stopReason: 'maxTokens', contextSize: 512, gpuLayers: 0, threads: 1 });
  });

  it('depends on the prompt and on the seed when sampling', async () => {
    const model = await provider.loadModel('tiny-llama');
    const sampled = (seed: number) => model.generate(ask('Write a haiku', { temperature: 0.9, seed }));
    expect((await sampled(11)).text).toBe((await sampled(11)).text);
    expect((await sampled(11)).text).not.toBe((await sampled(12)).text);
    expect((await sampled(11)).text).not.toBe('H?g/Bm.VUw6B\\WgWgWgWgWgy');
  });

  it('stops at a stop sequence, without it, with finish reason "stop"', async () => {
    const model = await provider.loadModel('tiny-llama');
    const result = await model.generate(ask('Say hello to the contract suite', { stop: ['KfN'] }));
    expect(result.text).toBe('\\ZM.PKf');
    expect(result.finishReason).toBe('stop');
    expect(result.providerMetadata.stopReason).toBe('customStopTrigger');
  });

  it('generates nothing for maxOutputTokens 0', async () => {
    const model = await provider.loadModel('tiny-llama');
    const result = await model.generate(ask('Say hello to the contract suite', { maxOutputTokens: 0 }));
    expect(result.text).toBe('');
    expect(result.usage).toEqual({ inputTokens: 54, outputTokens: 0, totalTokens: 54 });
    expect(result.finishReason).toBe('length');
    expect(result.timings.timeToFirstTokenMs).toBeNull();
    expect(result.timings.tokensPerSecond).toBeNull();
  });

  it('generates one token for maxOutputTokens 1, and to the end of the context without a limit', async () => {
    const model = await provider.loadModel('tiny-llama');
    const one = await model.generate(ask('Say hello to the contract suite', { maxOutputTokens: 1 }));
    expect(one.text).toBe('\\');
    expect(one.usage.outputTokens).toBe(1);
    expect(one.timings.tokensPerSecond).toBeNull();
    const unlimited = await model.generate({ messages: [{ role: 'user', content: 'x'.repeat(480) }] });
    expect(unlimited.finishReason).toBe('length');
    expect((unlimited.usage.inputTokens ?? 0) + (unlimited.usage.outputTokens ?? 0)).toBe(512);
  });

  it('refuses a prompt that does not fit the context (at the limit too)', async () => {
    const model = await provider.loadModel('tiny-llama');
    // One token per character plus 23 for the template (see the usage test): 489 characters → 512 tokens.
    await expect(model.generate(ask('x'.repeat(489)))).rejects.toMatchObject({
      kind: 'context_length',
      retryable: false,
      message: 'The prompt is 512 tokens; the model is loaded with a context of 512',
    });
    const fits = await model.generate(ask('x'.repeat(488), { maxOutputTokens: 5 }));
    expect(fits.usage).toMatchObject({ inputTokens: 511, outputTokens: 1 });
  });

  it('continues a last assistant message, and takes system prompts', async () => {
    const model = await provider.loadModel('tiny-llama');
    const result = await model.generate({
      system: 'Be brief.',
      messages: [
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'Count' },
        { role: 'assistant', content: '1, 2,' },
      ],
      maxOutputTokens: 8,
    });
    expect(result.text).toHaveLength(8);
    expect(result.usage.inputTokens).toBeGreaterThan(20);
  });

  it('constrains the answer to JSON, with or without a schema', async () => {
    const model = await provider.loadModel('tiny-llama');
    const json = await model.generate(ask('Give JSON', { responseFormat: { type: 'json' }, maxOutputTokens: 8 }));
    expect(json.text).toBe('{"7}w6Bw');
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    const shaped = await model.generate(
      ask('Give JSON', { responseFormat: { type: 'json', schema }, maxOutputTokens: 12 }),
    );
    expect(shaped.text.startsWith('{"answer":"')).toBe(true);
  });

  it('refuses bad requests and images with bad_request', async () => {
    const model = await provider.loadModel('tiny-llama');
    await expect(model.generate({ messages: [] })).rejects.toMatchObject({ kind: 'bad_request', name: 'ConfigError' });
    await expect(model.generate({ ...ask('x'), maxTokens: 3 } as never)).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(
      model.generate({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/a.png' }] }] }),
    ).rejects.toMatchObject({ kind: 'bad_request', message: expect.stringContaining('image') });
    await expect(collect(model.stream({ messages: [] }))).rejects.toMatchObject({ kind: 'bad_request' });
  });

  it('runs concurrent calls on one model one after the other, with the same results as alone', async () => {
    const model = await provider.loadModel('tiny-llama');
    const [first, second] = await Promise.all([
      model.generate(ask('Say hello to the contract suite')),
      model.generate(ask('Write a haiku')),
    ]);
    expect(first.text).toBe('\\ZM.PKfKfN}w666ow6os}w6!');
    expect(second.text).toBe('H?g/Bm.VUw6B\\WgWgWgWgWgy');
  });
});

describe('streaming', () => {
  it('streams token by token: start, one delta per token, usage, finish; the text equals generate', async () => {
    const model = await provider.loadModel('tiny-llama');
    const parts = await collect(model.stream(ask('Say hello to the contract suite')));
    const report = checkStreamSequence(parts);
    expect(report.isWellFormed && report.isComplete).toBe(true);
    expect(report.text).toBe('\\ZM.PKfKfN}w666ow6os}w6!');
    expect(parts[0]).toEqual({ type: 'start', model: { providerId: 'local', modelId: 'tiny-llama' }, warnings: [] });
    const deltas = parts.filter((part) => part.type === 'text-delta');
    expect(deltas).toHaveLength(24);
    expect(deltas.every((part) => part.text.length === 1)).toBe(true);
    expect(parts.at(-2)).toEqual({ type: 'usage', usage: { inputTokens: 54, outputTokens: 24, totalTokens: 78 } });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', costUsd: 0 });
  });

  it('stops generating when the consumer leaves early, and the model serves the next call', async () => {
    const model = await provider.loadModel('tiny-llama');
    const parts = await collect(model.stream(ask('Write a haiku', { maxOutputTokens: 400 })), 2);
    expect(parts.map((part) => part.type)).toEqual(['start', 'text-delta', 'text-delta']);
    const next = await model.generate(ask('Write a haiku'));
    expect(next.text).toBe('H?g/Bm.VUw6B\\WgWgWgWgWgy');
    expect(next.timings.totalMs).toBeLessThan(5000);
  });

  it('ends with an aborted error part, counting the characters delivered, when aborted mid-stream', async () => {
    const model = await provider.loadModel('tiny-llama');
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    for await (const part of model.stream(ask('Write a haiku', { maxOutputTokens: 400 }), {
      signal: controller.signal,
    })) {
      parts.push(part);
      if (parts.length === 4) controller.abort();
    }
    const last = parts.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('aborted');
    expect(last?.type === 'error' && last.deliveredCharacters).toBe(3);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
  });

  it('throws before start for an aborted signal or a model that cannot load', async () => {
    const model = await provider.loadModel('tiny-llama');
    await expect(collect(model.stream(ask('x'), { signal: AbortSignal.abort() }))).rejects.toMatchObject({
      kind: 'aborted',
    });
    await provider.unloadModel('tiny-llama');
    await expect(collect(model.stream(ask('x'), { signal: AbortSignal.abort() }))).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('reports a failure after start as an error part', async () => {
    const model = await provider.loadModel('tiny-llama');
    const parts = await collect(model.stream(ask('x'.repeat(600))));
    expect(parts.map((part) => part.type)).toEqual(['start', 'error']);
    expect(parts[1]).toMatchObject({ type: 'error', error: { kind: 'context_length' }, deliveredCharacters: 0 });
  });
});

describe('loading through the model handle', () => {
  it('reloads after an unload, and says how long loading took', async () => {
    const model = await provider.loadModel('tiny-llama');
    await provider.unloadModel('tiny-llama');
    const reloaded = await model.generate(ask('Write a haiku'));
    expect(reloaded.text).toBe('H?g/Bm.VUw6B\\WgWgWgWgWgy');
    expect(reloaded.timings.loadMs).toBeGreaterThan(0);
    expect(reloaded.timings.totalMs).toBeGreaterThanOrEqual(reloaded.timings.loadMs ?? 0);
    const streamed = await collect(model.stream(ask('Write a haiku')));
    expect(streamed.at(-1)).toMatchObject({ type: 'finish', timings: { loadMs: 0 } });
  });

  it('chats with a model that has no chat template (node-llama-cpp picks a general one)', async () => {
    const bare = await createModelsFolder([{ fileName: 'bare.gguf', seed: 3, chatTemplate: null }]);
    const bareProvider = createTestProvider(bare.path);
    const model = await bareProvider.loadModel('bare');
    const result = await model.generate(ask('Write a haiku', { maxOutputTokens: 6 }));
    expect(result.text).toHaveLength(6);
    await bareProvider.dispose();
    await bare.remove();
  });

  it('loads the F16 model from a sub-folder by its path id', async () => {
    const model = await provider.loadModel('family/tiny-llama-f16');
    const result = await model.generate(ask('Write a haiku', { maxOutputTokens: 8 }));
    expect(result.text).toHaveLength(8);
    expect(result.model.modelId).toBe('family/tiny-llama-f16');
  });
});
