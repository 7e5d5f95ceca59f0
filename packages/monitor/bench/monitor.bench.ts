// record() runs for every model call, so it is measured per call, amortized over batches of 1,000
// (tinybench's own overhead per iteration is larger than one record). Queries are measured on a
// monitor that already holds an hour of traffic over 1,000 models.
import type { CallSample } from '@modelyard/core';
import { createMonitor } from '@modelyard/monitor';
import { registerPrometheusMetrics } from '@modelyard/monitor/prometheus';
import type { Bench } from 'tinybench';
import { sampleStream } from './sample-stream.ts';

const BATCH = 1000;
const START = 1_700_000_000_000;

/** A monitor on a clock the benchmark moves, and a task that records BATCH samples per iteration. */
function recordTask(samples: readonly CallSample[], stepMs: number): () => void {
  let now = START;
  const monitor = createMonitor({ clock: { now: () => now, sleep: async () => {} } });
  let index = 0;
  return () => {
    for (let count = 0; count < BATCH; count += 1) {
      const sample = samples[index] as CallSample;
      index = index === samples.length - 1 ? 0 : index + 1;
      now += stepMs;
      sample.timestamp = now;
      monitor.record(sample);
    }
  };
}

function loadedMonitor() {
  let now = START;
  const monitor = createMonitor({ clock: { now: () => now, sleep: async () => {} } });
  const samples = sampleStream(10_000, 1000);
  // 1,000,000 calls over one hour: 278 calls/s.
  for (let index = 0; index < 1_000_000; index += 1) {
    const sample = samples[index % samples.length] as CallSample;
    now += 3.6;
    sample.timestamp = now;
    monitor.record(sample);
  }
  return monitor;
}

export default function register(bench: Bench): void {
  const oneModel = sampleStream(10_000, 1);
  const thousandModels = sampleStream(10_000, 1000);
  const monitor = loadedMonitor();
  const model = { providerId: 'provider-7', modelId: 'vendor-7/model-7:free' };
  const prometheus = registerPrometheusMetrics(monitor);
  const snapshotJson = JSON.stringify(monitor.snapshot());
  const fresh = { ...(thousandModels[7] as CallSample), model };
  bench
    .add('record() ×1000, 1 model, 1,000 calls/s', recordTask(oneModel, 1))
    .add('record() ×1000, 1,000 models, 10,000 calls/s', recordTask(thousandModels, 0.1))
    .add('record() ×1000, 1,000 models, 11.6 calls/s (every call a new bucket)', recordTask(thousandModels, 86.4))
    .add('getModelStats (selector view, 5m)', () => {
      monitor.getModelStats(model);
    })
    .add('modelStats (1 model, 24h)', () => {
      monitor.modelStats(model, '24h');
    })
    .add('providerStats (100 models, 1h)', () => {
      monitor.providerStats('provider-7', '1h');
    })
    .add('summary (1,000 models, 5m)', () => {
      monitor.summary('5m');
    })
    .add('Prometheus scrape (1,000 models)', async () => {
      await prometheus.metrics();
    })
    .add('snapshot + JSON.stringify (1,000 models)', () => {
      JSON.stringify(monitor.snapshot());
    })
    .add('getModelStats right after a record() of that model (view recomputed)', () => {
      fresh.timestamp = START + 3_600_000;
      monitor.record(fresh);
      monitor.getModelStats(model);
    })
    .add('merge a snapshot (1,000 models)', () => {
      createMonitor({ clock: { now: () => START + 3_600_000, sleep: async () => {} } }).merge(JSON.parse(snapshotJson));
    });
}
