import { ConfigError } from '@modelyard/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMonitor } from './monitor';
import { registerPrometheusMetrics } from './prometheus';
import { keyOf, keyValue, sketchMapping } from './sketch-mapping';
import { createFakeClock } from './test-support/fake-clock';
import { parsePrometheusText, sampleValue } from './test-support/prometheus-text';
import { OLLAMA_LLAMA, sampleOf } from './test-support/samples';

const T0 = 1_699_920_000_000;
const mapping = sketchMapping(0.01);
const readBack = (value: number) => keyValue(mapping, keyOf(mapping, value));
const LLAMA = { provider: 'openrouter', model: 'openrouter/meta-llama/llama-3.1-8b-instruct:free' };

function recorded() {
  const clock = createFakeClock(T0);
  const monitor = createMonitor({ clock });
  monitor.record(sampleOf({ latencyMs: 400, timeToFirstTokenMs: 100, tokensPerSecond: 50, costUsd: 0.25 }));
  monitor.record(sampleOf({ latencyMs: 400, timeToFirstTokenMs: 100, tokensPerSecond: 50, costUsd: 0.5 }));
  monitor.record(sampleOf({ outcome: 'rate_limit', task: null, inputTokens: 7, outputTokens: null, costUsd: null }));
  monitor.record(sampleOf({ model: OLLAMA_LLAMA, outcome: 'timeout', costUsd: 0 }));
  monitor.record(sampleOf({ latencyMs: -1 }));
  return { clock, monitor };
}

describe('registerPrometheusMetrics', () => {
  it('exposes counters, quantile gauges and the monitor’s own figures, parsed back as a scraper would', async () => {
    const { monitor } = recorded();
    const exposition = parsePrometheusText(await registerPrometheusMetrics(monitor).metrics());
    expect(exposition.types).toMatchObject({
      modelyard_requests_total: 'counter',
      modelyard_input_tokens_total: 'counter',
      modelyard_output_tokens_total: 'counter',
      modelyard_cost_usd_total: 'counter',
      modelyard_latency_seconds: 'gauge',
      modelyard_time_to_first_token_seconds: 'gauge',
      modelyard_output_tokens_per_second: 'gauge',
      modelyard_success_ratio: 'gauge',
      modelyard_monitor_rejected_samples_total: 'counter',
      modelyard_monitor_models: 'gauge',
      modelyard_monitor_evicted_models_total: 'counter',
    });
    const task = 'dialogue_generation';
    expect(sampleValue(exposition, 'modelyard_requests_total', { ...LLAMA, task, outcome: 'ok' })).toBe(2);
    expect(sampleValue(exposition, 'modelyard_requests_total', { ...LLAMA, task: '', outcome: 'rate_limit' })).toBe(1);
    expect(
      sampleValue(exposition, 'modelyard_requests_total', {
        provider: 'ollama',
        model: 'ollama/llama3.1:8b',
        outcome: 'timeout',
      }),
    ).toBe(1);
    expect(exposition.samples.filter((sample) => sample.name === 'modelyard_requests_total')).toHaveLength(3);
    expect(sampleValue(exposition, 'modelyard_input_tokens_total', { ...LLAMA, task })).toBe(200);
    expect(sampleValue(exposition, 'modelyard_input_tokens_total', { ...LLAMA, task: '' })).toBe(7);
    expect(sampleValue(exposition, 'modelyard_output_tokens_total', { ...LLAMA, task })).toBe(100);
    expect(sampleValue(exposition, 'modelyard_cost_usd_total', { ...LLAMA, task })).toBe(0.75);
    expect(sampleValue(exposition, 'modelyard_cost_usd_total', { ...LLAMA, task: '' })).toBe(0);
    for (const quantile of ['0.5', '0.9', '0.95', '0.99']) {
      const labels = { ...LLAMA, window: '5m', quantile };
      expect(sampleValue(exposition, 'modelyard_latency_seconds', labels)).toBe(0.4);
      expect(sampleValue(exposition, 'modelyard_time_to_first_token_seconds', labels)).toBe(0.1);
      expect(sampleValue(exposition, 'modelyard_output_tokens_per_second', labels)).toBe(50);
    }
    expect(exposition.samples.filter((sample) => sample.name === 'modelyard_latency_seconds')).toHaveLength(4);
    expect(sampleValue(exposition, 'modelyard_success_ratio', { ...LLAMA, window: '5m' })).toBeCloseTo(2 / 3, 12);
    expect(sampleValue(exposition, 'modelyard_success_ratio', { provider: 'ollama', window: '5m' })).toBe(0);
    expect(sampleValue(exposition, 'modelyard_monitor_rejected_samples_total', { field: 'latencyMs' })).toBe(1);
    expect(sampleValue(exposition, 'modelyard_monitor_models')).toBe(2);
    expect(sampleValue(exposition, 'modelyard_monitor_evicted_models_total')).toBe(0);
  });

  it('reads the monitor afresh at each scrape, and reports quantiles of the window it is told', async () => {
    const { monitor, clock } = recorded();
    const metrics = registerPrometheusMetrics(monitor, { window: '1h', prefix: 'llm_' });
    monitor.record(sampleOf({ latencyMs: 2000 }));
    monitor.record(sampleOf({ latencyMs: 3000 }));
    let exposition = parsePrometheusText(await metrics.metrics());
    const labels = { ...LLAMA, window: '1h' };
    expect(
      sampleValue(exposition, 'llm_requests_total', { ...LLAMA, task: 'dialogue_generation', outcome: 'ok' }),
    ).toBe(4);
    // 400, 400, 2000, 3000: p50 is rank 1 (400), p99 is rank 2 (2000).
    expect(sampleValue(exposition, 'llm_latency_seconds', { ...labels, quantile: '0.5' })).toBe(0.4);
    expect(sampleValue(exposition, 'llm_latency_seconds', { ...labels, quantile: '0.99' })).toBeCloseTo(
      readBack(2000) / 1000,
      12,
    );
    clock.advance(3_600_000);
    exposition = parsePrometheusText(await metrics.metrics());
    expect(exposition.samples.filter((sample) => sample.name === 'llm_latency_seconds')).toHaveLength(0);
    expect(exposition.samples.filter((sample) => sample.name === 'llm_success_ratio')).toHaveLength(0);
    expect(
      sampleValue(exposition, 'llm_requests_total', { ...LLAMA, task: 'dialogue_generation', outcome: 'ok' }),
    ).toBe(4);
  });

  it('reports the same totals at every scrape until the monitor changes', async () => {
    const clock = createFakeClock(T0);
    const monitor = createMonitor({ clock, maxModels: 1 });
    monitor.record(sampleOf({ model: OLLAMA_LLAMA }));
    monitor.record(sampleOf({ costUsd: 0.5 }));
    monitor.record(sampleOf({ costUsd: Number.NaN }));
    const metrics = registerPrometheusMetrics(monitor);
    const task = 'dialogue_generation';
    for (let scrape = 0; scrape < 2; scrape += 1) {
      const exposition = parsePrometheusText(await metrics.metrics());
      expect(sampleValue(exposition, 'modelyard_input_tokens_total', { ...LLAMA, task })).toBe(100);
      expect(sampleValue(exposition, 'modelyard_output_tokens_total', { ...LLAMA, task })).toBe(50);
      expect(sampleValue(exposition, 'modelyard_cost_usd_total', { ...LLAMA, task })).toBe(0.5);
      expect(sampleValue(exposition, 'modelyard_monitor_rejected_samples_total', { field: 'costUsd' })).toBe(1);
      expect(sampleValue(exposition, 'modelyard_monitor_evicted_models_total')).toBe(1);
      expect(sampleValue(exposition, 'modelyard_monitor_models')).toBe(1);
    }
  });

  it('reads the monitor once per scrape, whatever the number of metrics', async () => {
    const { monitor } = recorded();
    let reads = 0;
    const totals = monitor.totals.bind(monitor);
    monitor.totals = () => {
      reads += 1;
      return totals();
    };
    const metrics = registerPrometheusMetrics(monitor);
    await metrics.metrics();
    expect(reads).toBe(1);
    await metrics.metrics();
    expect(reads).toBe(2);
  });

  it('adds to a registry it is given, next to other metrics, and removes its own on unregister', async () => {
    const { monitor } = recorded();
    const registry = new Registry();
    registry.registerMetric({
      name: 'app_up',
      help: 'up',
      type: 'gauge',
      get: async () => ({
        name: 'app_up',
        help: 'up',
        type: 'gauge',
        values: [{ value: 1, labels: {} }],
        aggregator: 'sum',
      }),
      reset: () => {},
    } as never);
    const metrics = registerPrometheusMetrics(monitor, { registry });
    expect(metrics.registry).toBe(registry);
    expect((await registry.metrics()).includes('modelyard_requests_total')).toBe(true);
    metrics.unregister();
    const text = await registry.metrics();
    expect(text.includes('modelyard_')).toBe(false);
    expect(text.includes('app_up 1')).toBe(true);
  });

  it('escapes model ids in label values', async () => {
    const monitor = createMonitor({ clock: createFakeClock(T0) });
    monitor.record(sampleOf({ model: { providerId: 'custom', modelId: 'a "quoted"\\model\nname' } }));
    const exposition = parsePrometheusText(await registerPrometheusMetrics(monitor).metrics());
    expect(sampleValue(exposition, 'modelyard_monitor_models')).toBe(1);
    const models = exposition.samples.filter((sample) => sample.name === 'modelyard_requests_total');
    expect(models.map((sample) => sample.labels.model)).toEqual(['custom/a "quoted"\\model\nname']);
  });

  it.each([
    [{ prefix: '1bad' }, 'prefix: expected a Prometheus metric name prefix'],
    [{ prefix: 'ok-bad' }, 'prefix: expected a Prometheus metric name prefix'],
    [{ window: '2m' }, 'window: expected one of "1m", "5m", "1h", "24h", received "2m"'],
    [{ registry: {} }, 'registry: expected a prom-client Registry'],
    [{ labels: {} }, 'unknown field "labels"'],
  ])('refuses %j, naming the option', (options, message) => {
    const { monitor } = recorded();
    expect(() => registerPrometheusMetrics(monitor, options as never)).toThrow(ConfigError);
    expect(() => registerPrometheusMetrics(monitor, options as never)).toThrow(message);
    expect(() => registerPrometheusMetrics(monitor, options as never)).toThrow(/^Invalid Prometheus options:/);
  });
});
