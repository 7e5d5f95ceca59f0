import { describe, expect, it } from 'vitest';
import { OTHER_TASK } from './model-entry';
import { createMonitor } from './monitor';
import { createFakeClock } from './test-support/fake-clock';
import { OLLAMA_LLAMA, OPENROUTER_LLAMA, sampleOf } from './test-support/samples';

const T0 = 1_699_920_000_000;
const QWEN = { providerId: 'ollama', modelId: 'qwen2.5:7b' };

function setup(options: Parameters<typeof createMonitor>[0] = {}) {
  const clock = createFakeClock(T0);
  return { clock, monitor: createMonitor({ clock, ...options }) };
}

describe('Monitor: providers and the system', () => {
  it('adds up the models of a provider, and keeps providers apart', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ model: OLLAMA_LLAMA, latencyMs: 100, costUsd: 0.5 }));
    monitor.record(sampleOf({ model: QWEN, latencyMs: 300, costUsd: 0.25 }));
    monitor.record(sampleOf({ model: QWEN, outcome: 'unavailable' }));
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA, latencyMs: 5000 }));
    const ollama = monitor.providerStats('ollama', '1m');
    expect(ollama).toMatchObject({ requestCount: 3, successCount: 2, errorCount: 1, costReportedCount: 3 });
    expect(ollama?.costUsd).toBeCloseTo(0.751, 12);
    expect(ollama?.errorsByKind.unavailable).toBe(1);
    expect(ollama?.latencyMs).toMatchObject({ count: 2, min: 100, max: 300, mean: 200 });
    expect(monitor.providerStats('openrouter', '1m')?.requestCount).toBe(1);
    expect(monitor.providerStats('lmstudio')).toBeUndefined();
  });

  it('sums up the whole system, and each provider in id order', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    monitor.record(sampleOf({ model: OLLAMA_LLAMA, outcome: 'timeout' }));
    monitor.record(sampleOf({ model: QWEN }));
    monitor.record(sampleOf({ latencyMs: -3 }));
    const summary = monitor.summary('1h');
    expect(summary.overall).toMatchObject({ window: '1h', requestCount: 3, successCount: 2, errorCount: 1 });
    expect(summary.providers.map((provider) => [provider.providerId, provider.stats.requestCount])).toEqual([
      ['ollama', 2],
      ['openrouter', 1],
    ]);
    expect(summary).toMatchObject({ modelCount: 3, evictedModelCount: 0, rejectedSampleCount: 1 });
    expect(monitor.summary().overall.window).toBe('5m');
  });

  it('lists models and their figures in model-key order', () => {
    const { monitor } = setup();
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    monitor.record(sampleOf({ model: QWEN }));
    monitor.record(sampleOf({ model: OLLAMA_LLAMA }));
    expect(monitor.models()).toEqual([OLLAMA_LLAMA, QWEN, OPENROUTER_LLAMA]);
    expect(monitor.modelCount).toBe(3);
    const listed = monitor.listModelStats('1m');
    expect(listed.map((entry) => entry.modelKey)).toEqual([
      'ollama/llama3.1:8b',
      'ollama/qwen2.5:7b',
      'openrouter/meta-llama/llama-3.1-8b-instruct:free',
    ]);
    expect(listed[0]?.model).toEqual(OLLAMA_LLAMA);
    expect(listed[0]?.stats.requestCount).toBe(1);
    expect(monitor.listModelStats()[0]?.stats.window).toBe('5m');
  });

  it('keeps models whose ids differ only around "/" and ":" apart', () => {
    const { monitor } = setup();
    const models = [
      { providerId: 'a', modelId: 'b/c:d' },
      { providerId: 'a', modelId: 'b/c' },
      { providerId: 'a', modelId: 'b:c/d' },
      { providerId: 'a-b', modelId: 'c' },
      { providerId: 'a', modelId: 'b-c' },
    ];
    models.forEach((model, index) => {
      for (let count = 0; count <= index; count += 1) monitor.record(sampleOf({ model }));
    });
    models.forEach((model, index) => {
      expect(monitor.modelStats(model, '1m')?.requestCount).toBe(index + 1);
    });
    expect(monitor.listModelStats('1m').map((entry) => entry.modelKey)).toEqual([
      'a-b/c',
      'a/b-c',
      'a/b/c',
      'a/b/c:d',
      'a/b:c/d',
    ]);
  });

  it('does not keep the caller’s identity object', () => {
    const { monitor } = setup();
    const model = { providerId: 'ollama', modelId: 'phi3' };
    monitor.record(sampleOf({ model }));
    model.modelId = 'changed';
    expect(monitor.models()).toEqual([{ providerId: 'ollama', modelId: 'phi3' }]);
  });
});

describe('Monitor: cumulative totals', () => {
  it('counts per model and task since the start, null task first, tasks in order', () => {
    const { monitor, clock } = setup();
    monitor.record(sampleOf({ task: 'summarization', inputTokens: 5, outputTokens: 6, costUsd: 0.5 }));
    monitor.record(sampleOf({ task: null, outcome: 'rate_limit', inputTokens: 1, outputTokens: null, costUsd: null }));
    monitor.record(sampleOf({ task: 'classification', isStreaming: false }));
    monitor.record(sampleOf({ task: 'summarization', outcome: 'rate_limit' }));
    clock.advance(10 * 86_400_000);
    const totals = monitor.totals();
    expect(totals.map((row) => row.task)).toEqual([null, 'classification', 'summarization']);
    expect(totals[0]).toEqual({
      model: OPENROUTER_LLAMA,
      modelKey: 'openrouter/meta-llama/llama-3.1-8b-instruct:free',
      task: null,
      outcomes: { ...Object.fromEntries(Object.keys(totals[0]?.outcomes ?? {}).map((key) => [key, 0])), rate_limit: 1 },
      inputTokens: 1,
      outputTokens: 0,
      costUsd: 0,
      costReportedCount: 0,
      streamingCount: 1,
    });
    expect(totals[2]).toMatchObject({ inputTokens: 105, outputTokens: 56, costUsd: 0.501, costReportedCount: 2 });
    expect(totals[2]?.outcomes).toMatchObject({ ok: 1, rate_limit: 1 });
    expect(Object.keys(totals[2]?.outcomes ?? {})).toHaveLength(12);
  });

  it('counts tasks beyond maxTasksPerModel, and tasks over 64 characters, as (other)', () => {
    const { monitor } = setup({ maxTasksPerModel: 2 });
    for (const task of ['a', 'b', 'c', 'a', 'd', 'x'.repeat(65), 'x'.repeat(64), null])
      monitor.record(sampleOf({ task }));
    expect(monitor.totals().map((row) => [row.task, row.outcomes.ok])).toEqual([
      [null, 1],
      [OTHER_TASK, 4],
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('keeps a task of exactly 64 characters, and one named (other) with the overflow', () => {
    const { monitor } = setup({ maxTasksPerModel: 1 });
    monitor.record(sampleOf({ task: 'y'.repeat(64) }));
    monitor.record(sampleOf({ task: OTHER_TASK }));
    monitor.record(sampleOf({ task: 'z' }));
    expect(monitor.totals().map((row) => [row.task, row.outcomes.ok])).toEqual([
      [OTHER_TASK, 2],
      ['y'.repeat(64), 1],
    ]);
  });

  it('counts a task over 64 characters as (other) even below the cap', () => {
    const { monitor } = setup({ maxTasksPerModel: 5 });
    monitor.record(sampleOf({ task: 'x'.repeat(65) }));
    monitor.record(sampleOf({ task: 'short' }));
    expect(monitor.totals().map((row) => row.task)).toEqual([OTHER_TASK, 'short']);
  });

  it('counts every named task as (other) when maxTasksPerModel is 0', () => {
    const { monitor } = setup({ maxTasksPerModel: 0 });
    monitor.record(sampleOf({ task: 'a' }));
    monitor.record(sampleOf({ task: null }));
    expect(monitor.totals().map((row) => row.task)).toEqual([null, OTHER_TASK]);
  });
});

describe('Monitor: maxModels', () => {
  it('drops the model recorded least recently when a new one would pass the cap', () => {
    const { monitor, clock } = setup({ maxModels: 2 });
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    clock.advance(1);
    monitor.record(sampleOf({ model: OLLAMA_LLAMA }));
    clock.advance(1);
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    clock.advance(1);
    monitor.record(sampleOf({ model: QWEN }));
    expect(monitor.models()).toEqual([QWEN, OPENROUTER_LLAMA]);
    expect(monitor.evictedModels).toBe(1);
    expect(monitor.modelStats(OLLAMA_LLAMA)).toBeUndefined();
    expect(monitor.providerStats('ollama', '1m')?.requestCount).toBe(1);
    clock.advance(1);
    monitor.record(sampleOf({ model: OLLAMA_LLAMA }));
    expect(monitor.models()).toEqual([OLLAMA_LLAMA, QWEN]);
    expect(monitor.providerStats('openrouter')).toBeUndefined();
    expect(monitor.summary()).toMatchObject({ modelCount: 2, evictedModelCount: 2 });
  });

  it('drops the first tracked of equally recent models', () => {
    const { monitor } = setup({ maxModels: 2 });
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    monitor.record(sampleOf({ model: OLLAMA_LLAMA }));
    monitor.record(sampleOf({ model: QWEN }));
    expect(monitor.models()).toEqual([OLLAMA_LLAMA, QWEN]);
  });

  it('tracks 2,000 models by default', () => {
    const { monitor } = setup();
    for (let index = 0; index <= 2000; index += 1) {
      monitor.record(sampleOf({ model: { providerId: 'ollama', modelId: `model-${index}` } }));
    }
    expect(monitor.modelCount).toBe(2000);
    expect(monitor.evictedModels).toBe(1);
  });

  it('keeps one model at a cap of 1', () => {
    const { monitor } = setup({ maxModels: 1 });
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    monitor.record(sampleOf({ model: OPENROUTER_LLAMA }));
    expect(monitor.evictedModels).toBe(0);
    monitor.record(sampleOf({ model: QWEN }));
    expect(monitor.models()).toEqual([QWEN]);
  });
});
