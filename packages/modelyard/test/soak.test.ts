// The soak at a small scale: 300 requests over six providers failing 35% of the time, 32 at a time.
import { expect, test } from 'vitest';
import { runSoak } from '../bench/soak-run';
import { createModelyard } from '../src/index';

test('300 requests under faults: nothing lost, nothing unhandled, nothing silently cut', async () => {
  const report = await runSoak({
    createModelyard,
    requests: 300,
    concurrency: 32,
    failureRate: 0.35,
    seed: 7,
    roundSize: 150,
  });
  expect(report.lost).toBe(0);
  expect(report.unhandledRejections).toBe(0);
  expect(report.silentTruncations).toBe(0);
  expect(report.succeeded + report.failedTyped).toBe(300);
  expect(report.succeeded).toBeGreaterThan(150);
  const injected = Object.values(report.faultsInjected).reduce((sum, count) => sum + count, 0);
  expect(injected).toBeGreaterThan(60);
  for (const kind of ['500', '503', 'reset', 'drop', 'truncate', 'malformed', 'stall']) {
    expect(report.faultsInjected[kind] ?? 0, kind).toBeGreaterThan(0);
  }
}, 120_000);
