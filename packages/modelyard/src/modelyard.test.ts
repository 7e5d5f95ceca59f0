import { ConfigError, type HardwareProfile, ModelyardError } from '@modelyard/core';
import { createMonitor } from '@modelyard/monitor';
import { createMockProvider } from '@modelyard/testkit';
import { describe, expect, test, vi } from 'vitest';
import { createModelyard } from './modelyard';
import { NoEligibleModelError } from './no-eligible-model-error';

const request = { messages: [{ role: 'user' as const, content: 'hi' }] };
const hardware: HardwareProfile = {
  os: { platform: 'linux', release: null, arch: 'x64' },
  cpu: { model: null, physicalCores: 1, logicalCores: 2, speedGHz: null, flags: [] },
  memory: { totalBytes: 8e9, availableBytes: 4e9 },
  gpus: [],
  detectedAt: 0,
};

function configIssues(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.issues.map((issue) => `${issue.path}: ${issue.expected}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createModelyard options', () => {
  test('every bad option is named', () => {
    const provider = createMockProvider({ id: 'same' });
    expect(
      configIssues(() =>
        createModelyard({
          providers: [provider, createMockProvider({ id: 'same' }), { id: 'Bad Id' } as never, 3 as never],
          selection: { weights: { cost: -1 } },
          fallback: { maxRetries: -1, metricsSink: { record() {} } } as never,
          monitor: { maxModels: 0 },
          hardware: { os: 'linux' } as never,
          discovery: { cacheTtlMs: -5 },
          hooks: { onDiscovery: 'no' } as never,
          logger: {} as never,
          clock: 'now' as never,
          colour: true,
        } as never),
      ),
    ).toEqual([
      '(root): only known fields',
      'providers[1].id: an id no other provider has',
      'providers[2]: a ModelProvider',
      'providers[2].id: a provider id',
      'providers[3]: a ModelProvider',
      'selection.weights.cost: a number ≥ 0',
      'fallback.metricsSink: nothing: Modelyard connects the runner to its monitor (pass `monitor` instead)',
      'fallback.maxRetries: a number ≥ 0',
      'monitor.maxModels: a number ≥ 1',
      'hardware.os: an object',
      'hardware.cpu: an object',
      'hardware.memory: an object',
      'hardware.gpus: an array',
      'hardware.detectedAt: a number',
      'discovery.cacheTtlMs: a number ≥ 0',
      'hooks.onDiscovery: a function',
      'logger: a Logger: { debug, info, warn, error }',
      'clock: a Clock: { now(), sleep() }',
    ]);
  });

  test('options that are not an object, providers that are not an array, hardware of the wrong type, selection with stats', () => {
    expect(configIssues(() => createModelyard(null as never))).toEqual(['(root): an object with `providers`']);
    expect(configIssues(() => createModelyard({ providers: 'x' } as never))).toEqual([
      'providers: an array of ModelProvider',
    ]);
    expect(configIssues(() => createModelyard({ providers: [], hardware: 'gpu' } as never))).toEqual([
      'hardware: "detect", null or a HardwareProfile',
    ]);
    expect(configIssues(() => createModelyard({ providers: [], selection: { stats: {} } } as never))).toEqual([
      'selection: no `hardware` or `stats` (pass `hardware` at the top level; the stats are the monitor)',
    ]);
  });
});

describe('a Modelyard over mock providers', () => {
  test('no eligible model: a NoEligibleModelError with every rejection', async () => {
    const modelyard = createModelyard({
      providers: [createMockProvider({ id: 'cloud', models: [{ modelId: 'a', locality: 'remote' }] })],
      hardware,
    });
    const error = await modelyard.generate(request, { locality: 'local_only' }).catch((caught: unknown) => caught);
    expect(NoEligibleModelError.isInstance(error)).toBe(true);
    const typed = error as NoEligibleModelError;
    expect(typed.kind).toBe('not_found');
    expect(typed.message).toBe('No model meets the requirements (1 model rejected; reasons: locality_mismatch ×1)');
    expect(typed.toJSON().rejected).toEqual([{ model: 'cloud/a', reasons: ['locality_mismatch'] }]);
    expect(NoEligibleModelError.isInstance(new Error('x'))).toBe(false);
  });

  test('no eligible model because a provider is down says which', async () => {
    const down = createMockProvider({ id: 'down', listFailure: { error: { kind: 'unavailable' } } });
    const modelyard = createModelyard({ providers: [down], hardware: null });
    await expect(modelyard.generate(request)).rejects.toThrow(
      'No model meets the requirements (0 models rejected; providers unavailable: down)',
    );
  });

  test('generate and stream record into a shared monitor; the stream exposes attempts and ranking', async () => {
    const monitor = createMonitor();
    const provider = createMockProvider({
      id: 'p',
      models: [{ modelId: 'm', locality: 'remote', isFree: true }],
      defaultScript: [{ text: 'hello there' }],
    });
    const modelyard = createModelyard({ providers: [provider], monitor, hardware: null });
    expect(modelyard.monitor).toBe(monitor);
    const result = await modelyard.generate(request, { task: 'summarize' }, { timeouts: { totalMs: 5000 } });
    expect(result.text).toBe('hello there');
    const stream = modelyard.stream(request, {}, { signal: new AbortController().signal, refresh: true });
    expect(stream.attempts).toEqual([]);
    expect(stream.ranked).toEqual([]);
    let text = '';
    for await (const part of stream) if (part.type === 'text-delta') text += part.text;
    expect(text).toBe('hello there');
    expect(stream.attempts).toHaveLength(1);
    expect(stream.ranked.map((entry) => entry.model.modelId)).toEqual(['m']);
    expect(modelyard.stats('1m').summary.overall.requestCount).toBe(2);
    expect(modelyard.stats().window).toBe('5m');
    expect(monitor.totals().map((total) => total.task)).toEqual(['general_chat', 'summarize']);
  });

  test('models, select and explain', async () => {
    const provider = createMockProvider({ id: 'p', models: ['m1', { modelId: 'm2', locality: 'local' }] });
    const modelyard = createModelyard({ providers: [provider], hardware });
    expect((await modelyard.models()).map((model) => model.modelId)).toEqual(['m1', 'm2']);
    const selection = await modelyard.select({ locality: 'remote_only' });
    expect(selection.ranked.map((entry) => entry.model.modelId)).toEqual(['m1']);
    expect(selection.rejected.map((entry) => entry.model.modelId)).toEqual(['m2']);
    expect(selection.providers[0]?.status).toBe('ok');
    const explanation = await modelyard.explain({ task: 'dialogue_generation' }, { refresh: true });
    expect(explanation.ranked).toHaveLength(2);
    expect(explanation.providers).toHaveLength(1);
    expect(await modelyard.hardware()).toEqual(hardware);
  });

  test('detects the hardware once, and goes on without it when detection fails', async () => {
    const modelyard = createModelyard({ providers: [] });
    const first = modelyard.hardware();
    expect(modelyard.hardware()).toBe(first);
    const profile = await first;
    expect(profile === null || typeof profile.cpu.logicalCores === 'number').toBe(true);
  });

  test('pull goes to a provider that can, with progress; others are refused', async () => {
    const puller = createMockProvider({ id: 'ollama', kind: 'ollama', supports: { pull: true } });
    const other = createMockProvider({ id: 'cloud' });
    const modelyard = createModelyard({ providers: [puller, other], hardware: null });
    const progress: string[] = [];
    await modelyard.pull('ollama', 'llama3.2:1b', { onProgress: (event) => progress.push(event.status) });
    expect(progress).toEqual(['pulling manifest', 'downloading', 'success']);
    expect((await modelyard.models()).map((model) => model.modelId)).toEqual(['llama3.2:1b']);
    await expect(modelyard.pull('cloud', 'x')).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(modelyard.pull('nowhere', 'x')).rejects.toThrow('No provider "nowhere" (providers: ollama, cloud)');
  });

  test('dispose disposes every provider once; later calls reject', async () => {
    const first = createMockProvider({ id: 'a' });
    const second = { ...createMockProvider({ id: 'b' }), dispose: () => Promise.reject(new Error('stuck')) };
    const warn = vi.fn();
    const modelyard = createModelyard({
      providers: [first, second],
      hardware: null,
      logger: { debug() {}, info() {}, warn, error() {} },
    });
    await modelyard.dispose();
    await modelyard.dispose();
    expect(first.isDisposed).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    await expect(modelyard.models()).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(modelyard.discover()).rejects.toThrow('This Modelyard instance was disposed');
    await expect(modelyard.generate(request)).rejects.toSatisfy(ModelyardError.isInstance);
  });
});
