import { describe, expect, it } from 'vitest';
import { ModelyardError } from '../errors/modelyard-error';
import { checkHealth } from './health';

function steppingClock(start: number, step: number) {
  let now = start - step;
  return { now: () => (now += step), sleep: async () => {} };
}
const classify = (thrown: unknown) =>
  ModelyardError.isInstance(thrown) ? thrown : new ModelyardError({ kind: 'unknown', message: String(thrown) });

describe('checkHealth', () => {
  it('is healthy with the probe message, timed on the clock', async () => {
    const clock = steppingClock(1000, 7);
    const signal = new AbortController().signal;
    let seen: AbortSignal | undefined;
    const status = await checkHealth({
      clock,
      signal,
      probe: async (given) => {
        seen = given;
        return '3 models listed';
      },
      classify,
    });
    // now() read at 1000 (start) and 1007 (end).
    expect(status).toEqual({ status: 'healthy', latencyMs: 7, checkedAt: 1007, message: '3 models listed' });
    expect(seen).toBe(signal);
  });

  it('is unhealthy with the classified message and kind', async () => {
    const status = await checkHealth({
      clock: steppingClock(0, 5),
      signal: undefined,
      probe: () => Promise.reject(new ModelyardError({ kind: 'unavailable', message: 'down' })),
      classify,
    });
    expect(status).toEqual({
      status: 'unhealthy',
      latencyMs: 5,
      checkedAt: 5,
      message: 'down',
      errorKind: 'unavailable',
    });
  });

  it('is healthy despite a failure that shows the server is up', async () => {
    const status = await checkHealth({
      clock: steppingClock(0, 2),
      signal: undefined,
      probe: () => Promise.reject(new ModelyardError({ kind: 'not_found', message: '404' })),
      classify,
      upDespite: (error) => (error.kind === 'not_found' ? 'answered (no listing)' : undefined),
    });
    expect(status).toEqual({ status: 'healthy', latencyMs: 2, checkedAt: 2, message: 'answered (no listing)' });
  });

  it('rejects with the aborted error, and never reports a negative latency', async () => {
    const aborted = new ModelyardError({ kind: 'aborted', message: 'stop' });
    await expect(
      checkHealth({ clock: steppingClock(0, 1), signal: undefined, probe: () => Promise.reject(aborted), classify }),
    ).rejects.toBe(aborted);
    const backwards = await checkHealth({
      clock: steppingClock(100, -10),
      signal: undefined,
      probe: async () => 'ok',
      classify,
    });
    expect(backwards).toMatchObject({ latencyMs: 0, checkedAt: 90 });
  });
});
