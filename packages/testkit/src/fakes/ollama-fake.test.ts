import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type OllamaFake, startOllamaFake } from './ollama-fake';

let ollama: OllamaFake;
beforeAll(async () => {
  ollama = await startOllamaFake({
    models: [
      {
        name: 'llama3.2:1b',
        size: 1_300_000_000,
        parameterSize: '1.2B',
        contextLength: 131_072,
        capabilities: ['completion', 'tools'],
      },
      { name: 'qwen:latest', family: 'qwen2' },
    ],
    pullable: [{ name: 'tiny:1m', size: 1_000 }],
  });
});
afterAll(async () => {
  await ollama.close();
});

async function call(path: string, body?: unknown) {
  const response = await fetch(`${ollama.host}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
const hello = [{ role: 'user', content: 'hello there' }];

describe('Ollama fake', () => {
  test('version, tags and show follow the Ollama API', async () => {
    expect(JSON.parse((await call('/api/version')).text)).toEqual({ version: '0.12.0' });
    const tags = JSON.parse((await call('/api/tags')).text);
    expect(tags.models[0]).toMatchObject({
      name: 'llama3.2:1b',
      model: 'llama3.2:1b',
      size: 1_300_000_000,
      details: {
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '1.2B',
        quantization_level: 'Q4_K_M',
      },
    });
    expect(tags.models[0].digest).toMatch(/^[0-9a-f]{64}$/);
    const show = JSON.parse((await call('/api/show', { model: 'llama3.2:1b' })).text);
    expect(show.model_info).toEqual({
      'general.architecture': 'llama',
      'general.parameter_count': 1_000_000_000,
      'llama.block_count': 16,
      'llama.context_length': 131_072,
    });
    expect(show.capabilities).toEqual(['completion', 'tools']);
    const qwen = JSON.parse((await call('/api/show', { model: 'qwen' })).text);
    expect(qwen.model_info['qwen2.context_length']).toBe(4096);
    const missing = await call('/api/show', { model: 'nope' });
    expect([missing.status, JSON.parse(missing.text)]).toEqual([404, { error: "model 'nope' not found" }]);
  });

  test('chat streams NDJSON by default, with counters in the last line', async () => {
    const { headers, text } = await call('/api/chat', { model: 'llama3.2:1b', messages: hello });
    expect(headers.get('content-type')).toBe('application/x-ndjson');
    const parsed = lines(text);
    expect(parsed.map((line) => line.message.content)).toEqual(['llama3.2:1b ', 'heard: ', 'hello ', 'there', '']);
    expect(parsed.slice(0, -1).every((line) => line.done === false)).toBe(true);
    expect(parsed.at(-1)).toMatchObject({
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 3,
      eval_count: 4,
      // 4 tokens × 10 ms in nanoseconds.
      eval_duration: 40_000_000,
    });
  });

  test('stream: false answers once; num_predict and stop options cut the answer; load time is reported once', async () => {
    const fresh = await startOllamaFake({ models: [{ name: 'm:1' }], loadNanoseconds: 7 });
    try {
      const post = async (body: unknown) =>
        JSON.parse(
          await (await fetch(`${fresh.host}/api/chat`, { method: 'POST', body: JSON.stringify(body) })).text(),
        );
      const first = await post({ model: 'm:1', messages: hello, stream: false, options: { num_predict: 2 } });
      expect(first).toMatchObject({
        message: { role: 'assistant', content: 'm:1 heard: ' },
        done: true,
        done_reason: 'length',
        load_duration: 7,
        eval_count: 2,
      });
      const second = await post({ model: 'm:1', messages: hello, stream: false, options: { stop: ['hello'] } });
      expect(second).toMatchObject({ message: { content: 'm:1 heard: ' }, done_reason: 'stop', load_duration: 0 });
    } finally {
      await fresh.close();
    }
  });

  test('generate answers with `response`; an empty prompt loads or unloads with keep_alive; ps lists loaded models', async () => {
    const generated = lines((await call('/api/generate', { model: 'qwen:latest', prompt: 'hi' })).text);
    expect(generated.map((line) => line.response).join('')).toBe('qwen:latest heard: hi');
    expect(ollama.loadedModels).toContain('qwen:latest');
    const loaded = JSON.parse((await call('/api/generate', { model: 'llama3.2:1b', keep_alive: '10m' })).text);
    expect(loaded).toMatchObject({ response: '', done: true, done_reason: 'load' });
    const ps = JSON.parse((await call('/api/ps')).text);
    const entry = ps.models.find((model: { name: string }) => model.name === 'llama3.2:1b');
    // Without num_ctx, Ollama's default window of 4096 tokens (the model could hold 131,072).
    expect(entry).toMatchObject({ size: 1_300_000_000, size_vram: 1_300_000_000, context_length: 4096 });
    expect(Date.parse(entry.expires_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    const unloaded = JSON.parse((await call('/api/generate', { model: 'llama3.2:1b', keep_alive: 0 })).text);
    expect(unloaded.done_reason).toBe('unload');
    expect(ollama.loadedModels).not.toContain('llama3.2:1b');
  });

  test('a context window asked with num_ctx is what ps reports, and asking another one loads again', async () => {
    const fresh = await startOllamaFake({ models: [{ name: 'm:1', contextLength: 32_768 }], loadNanoseconds: 9 });
    try {
      const load = async (options: Record<string, unknown>) =>
        JSON.parse(
          await (
            await fetch(`${fresh.host}/api/generate`, {
              method: 'POST',
              body: JSON.stringify({ model: 'm:1', options }),
            })
          ).text(),
        );
      expect((await load({ num_ctx: 8192 })).load_duration).toBe(9);
      expect((await load({ num_ctx: 8192 })).load_duration).toBeUndefined();
      const ps = JSON.parse(await (await fetch(`${fresh.host}/api/ps`)).text());
      expect(ps.models[0].context_length).toBe(8192);
      expect((await load({})).load_duration).toBe(9);
    } finally {
      await fresh.close();
    }
  });

  test('a model can be set to fail to load, or to fail mid-stream; capabilities and context length can go unreported', async () => {
    const fresh = await startOllamaFake({
      models: [
        { name: 'big:70b', loadError: 'model requires more system memory (40.1 GiB) than is available (15.2 GiB)' },
        {
          name: 'flaky:1b',
          streamError: { afterTokens: 2, error: 'an error was encountered while running the model' },
        },
        { name: 'old:1b', capabilities: null, contextLength: null, vramBytes: 10 },
      ],
    });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${fresh.host}${path}`, { method: 'POST', body: JSON.stringify(body) });
      const load = await post('/api/generate', { model: 'big:70b' });
      expect([load.status, JSON.parse(await load.text())]).toEqual([
        500,
        { error: 'model requires more system memory (40.1 GiB) than is available (15.2 GiB)' },
      ]);
      expect((await post('/api/chat', { model: 'big:70b', messages: hello })).status).toBe(500);
      const streamed = lines(await (await post('/api/chat', { model: 'flaky:1b', messages: hello })).text());
      expect(streamed.map((line) => line.message?.content ?? line.error)).toEqual([
        'flaky:1b ',
        'heard: ',
        'an error was encountered while running the model',
      ]);
      const show = JSON.parse(await (await post('/api/show', { model: 'old:1b' })).text());
      expect(show).not.toHaveProperty('capabilities');
      expect(Object.keys(show.model_info)).not.toContain('llama.context_length');
      await post('/api/generate', { model: 'old:1b' });
      const ps = JSON.parse(await (await fetch(`${fresh.host}/api/ps`)).text());
      const old = ps.models.find((model: { name: string }) => model.name === 'old:1b');
      expect(old).toMatchObject({ size_vram: 10, context_length: 4096 });
    } finally {
      await fresh.close();
    }
  });

  test('pull streams progress for a pullable model and installs it; others fail as the registry does', async () => {
    const progress = lines((await call('/api/pull', { model: 'tiny:1m' })).text);
    expect(progress[0]).toEqual({ status: 'pulling manifest' });
    // The first line of a layer has no `completed` yet; then the weights in quarters, then the
    // 96-byte parameters layer.
    expect(progress[1]).not.toHaveProperty('completed');
    expect(progress[1]).toMatchObject({ total: 1000 });
    expect(progress.filter((line) => 'completed' in line).map((line) => [line.completed, line.total])).toEqual([
      [250, 1000],
      [500, 1000],
      [750, 1000],
      [1000, 1000],
      [96, 96],
    ]);
    expect(new Set(progress.flatMap((line) => (line.digest ? [line.digest] : []))).size).toBe(2);
    expect(progress.at(-1)).toEqual({ status: 'success' });
    expect(JSON.parse((await call('/api/tags')).text).models.map((model: { name: string }) => model.name)).toContain(
      'tiny:1m',
    );
    const failed = lines((await call('/api/pull', { model: 'missing' })).text);
    expect(failed.at(-1)).toEqual({ error: 'pull model manifest: file does not exist' });
    const once = await call('/api/pull', { model: 'missing', stream: false });
    expect(once.status).toBe(500);
    expect(JSON.parse((await call('/api/pull', { model: 'tiny:1m', stream: false })).text)).toEqual({
      status: 'success',
    });
  });
});
