import { ConfigError } from '@modelyard/core';
import { type DataPoint, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createMonitor } from './monitor';
import { registerOpenTelemetryMetrics } from './opentelemetry';
import { createFakeClock } from './test-support/fake-clock';
import { OLLAMA_LLAMA, sampleOf } from './test-support/samples';

const T0 = 1_699_920_000_000;

/** A reader that collects when asked: what an exporter would receive. */
class TestReader extends MetricReader {
  protected async onShutdown(): Promise<void> {}
  protected async onForceFlush(): Promise<void> {}
}

function setup() {
  const clock = createFakeClock(T0);
  const monitor = createMonitor({ clock });
  const reader = new TestReader();
  const provider = new MeterProvider({ readers: [reader] });
  const meter = provider.getMeter('test');
  return { clock, monitor, reader, meter };
}

interface Collected {
  unit: string;
  description: string;
  points: DataPoint<number>[];
}

async function collect(reader: MetricReader): Promise<Map<string, Collected>> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const found = new Map<string, Collected>();
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      const { name, unit, description } = metric.descriptor;
      found.set(name, { unit, description, points: metric.dataPoints as DataPoint<number>[] });
    }
  }
  return found;
}

function pointValue(
  metrics: Map<string, { points: DataPoint<number>[] }>,
  name: string,
  attributes: Record<string, unknown>,
): number | undefined {
  const points = metrics.get(name)?.points ?? [];
  const matching = points.filter((point) =>
    Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
  );
  if (matching.length > 1) throw new Error(`${matching.length} points of ${name}`);
  return matching[0]?.value;
}

const LLAMA = {
  'modelyard.provider': 'openrouter',
  'modelyard.model': 'openrouter/meta-llama/llama-3.1-8b-instruct:free',
};

describe('registerOpenTelemetryMetrics', () => {
  it('reports cumulative counters and window gauges through an SDK reader', async () => {
    const { monitor, reader, meter } = setup();
    registerOpenTelemetryMetrics(monitor, { meter });
    monitor.record(sampleOf({ latencyMs: 400, timeToFirstTokenMs: 100, tokensPerSecond: 50, costUsd: 0.25 }));
    monitor.record(sampleOf({ outcome: 'rate_limit', task: null, inputTokens: 7, costUsd: null }));
    monitor.record(sampleOf({ model: OLLAMA_LLAMA, outcome: 'timeout' }));
    monitor.record(sampleOf({ latencyMs: -1 }));
    const metrics = await collect(reader);
    const task = { 'modelyard.task': 'dialogue_generation' };
    expect(pointValue(metrics, 'modelyard.requests', { ...LLAMA, ...task, 'modelyard.outcome': 'ok' })).toBe(1);
    const rateLimited = metrics
      .get('modelyard.requests')
      ?.points.find((point) => point.attributes['modelyard.outcome'] === 'rate_limit');
    expect(rateLimited?.value).toBe(1);
    expect(rateLimited?.attributes).toEqual({ ...LLAMA, 'modelyard.outcome': 'rate_limit' });
    expect(metrics.get('modelyard.requests')?.points).toHaveLength(3);
    expect(pointValue(metrics, 'modelyard.input_tokens', { ...LLAMA, ...task })).toBe(100);
    expect(pointValue(metrics, 'modelyard.output_tokens', { ...LLAMA, ...task })).toBe(50);
    expect(pointValue(metrics, 'modelyard.cost', { ...LLAMA, ...task })).toBe(0.25);
    expect(metrics.get('modelyard.cost')?.unit).toBe('{USD}');
    for (const quantile of [0.5, 0.9, 0.95, 0.99]) {
      const attributes = { ...LLAMA, 'modelyard.window': '5m', 'modelyard.quantile': quantile };
      expect(pointValue(metrics, 'modelyard.latency', attributes)).toBe(0.4);
      expect(pointValue(metrics, 'modelyard.time_to_first_token', attributes)).toBe(0.1);
      expect(pointValue(metrics, 'modelyard.output_tokens_per_second', attributes)).toBe(50);
    }
    expect(metrics.get('modelyard.latency')?.unit).toBe('s');
    expect(metrics.get('modelyard.latency')?.points).toHaveLength(4);
    expect(pointValue(metrics, 'modelyard.success_ratio', { ...LLAMA, 'modelyard.window': '5m' })).toBe(0.5);
    expect(pointValue(metrics, 'modelyard.success_ratio', { 'modelyard.provider': 'ollama' })).toBe(0);
    expect(pointValue(metrics, 'modelyard.monitor.rejected_samples', { 'modelyard.field': 'latencyMs' })).toBe(1);
    expect(pointValue(metrics, 'modelyard.monitor.models', {})).toBe(2);
    expect(pointValue(metrics, 'modelyard.monitor.evicted_models', {})).toBe(0);
  });

  it('names every instrument with its unit and description', async () => {
    const { monitor, reader, meter } = setup();
    registerOpenTelemetryMetrics(monitor, { meter });
    monitor.record(sampleOf());
    monitor.record(sampleOf({ latencyMs: -1 }));
    const metrics = await collect(reader);
    const described = Object.fromEntries(
      [...metrics].map(([name, metric]) => [name, [metric.unit, metric.description]]),
    );
    expect(described).toEqual({
      'modelyard.requests': ['{request}', 'Attempts recorded, by task and outcome.'],
      'modelyard.input_tokens': ['{token}', 'Input tokens reported.'],
      'modelyard.output_tokens': ['{token}', 'Output tokens reported.'],
      'modelyard.cost': ['{USD}', 'Cost reported, in USD.'],
      'modelyard.latency': ['s', 'Latency of successful attempts, by quantile.'],
      'modelyard.time_to_first_token': ['s', 'Time to first token of successful attempts, by quantile.'],
      'modelyard.output_tokens_per_second': ['{token}/s', 'Output tokens per second, by quantile.'],
      'modelyard.success_ratio': ['1', 'Successful attempts / attempts over the window.'],
      'modelyard.monitor.rejected_samples': ['{sample}', 'Samples refused, by field.'],
      'modelyard.monitor.models': ['{model}', 'Models tracked.'],
      'modelyard.monitor.evicted_models': ['{model}', 'Models dropped to stay under maxModels.'],
    });
  });

  it('follows the monitor between collections, with the window and prefix it is told', async () => {
    const { monitor, reader, meter, clock } = setup();
    registerOpenTelemetryMetrics(monitor, { meter, window: '1m', prefix: 'llm.' });
    monitor.record(sampleOf());
    let metrics = await collect(reader);
    expect(pointValue(metrics, 'llm.success_ratio', { 'modelyard.window': '1m' })).toBe(1);
    monitor.record(sampleOf());
    clock.advance(60_000);
    metrics = await collect(reader);
    expect(pointValue(metrics, 'llm.requests', LLAMA)).toBe(2);
  });

  it('reads the monitor once per collection, and no more after unregister', async () => {
    const { monitor, reader, meter } = setup();
    let reads = 0;
    const totals = monitor.totals.bind(monitor);
    monitor.totals = () => {
      reads += 1;
      return totals();
    };
    const bridge = registerOpenTelemetryMetrics(monitor, { meter });
    monitor.record(sampleOf());
    expect(pointValue(await collect(reader), 'modelyard.requests', LLAMA)).toBe(1);
    expect(reads).toBe(1);
    bridge.unregister();
    await collect(reader);
    expect(reads).toBe(1);
  });

  it.each([
    [{ meter: {} }, 'meter: expected an OpenTelemetry Meter'],
    [{ meter: undefined }, 'meter: expected an OpenTelemetry Meter'],
    [{ meter: { createObservableCounter() {} } }, 'meter: expected an OpenTelemetry Meter'],
    [{ prefix: 'llm.X' }, 'prefix: expected an instrument name prefix'],
    [{ prefix: 'Bad' }, 'prefix: expected an instrument name prefix'],
    [{ window: '2m' }, 'window: expected one of "1m", "5m", "1h", "24h", received "2m"'],
  ])('refuses %j, naming the option', (options, message) => {
    const { monitor, meter } = setup();
    const given = { meter, ...options };
    expect(() => registerOpenTelemetryMetrics(monitor, given as never)).toThrow(ConfigError);
    expect(() => registerOpenTelemetryMetrics(monitor, given as never)).toThrow(message);
    expect(() => registerOpenTelemetryMetrics(monitor, given as never)).toThrow(/^Invalid OpenTelemetry options:/);
  });
});
