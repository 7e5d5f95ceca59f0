import type { AttemptRecord } from '@modelyard/fallback';
import { describe, expect, test } from 'vitest';
import { loadingNote } from './run-command';

const attempt = (outcome: AttemptRecord['outcome'], durationMs: number): AttemptRecord => ({
  model: { providerId: 'local', modelId: 'tiny' },
  attempt: 1,
  attemptOnModel: 1,
  outcome,
  errorKind: outcome === 'ok' ? null : outcome,
  statusCode: null,
  message: null,
  startedAt: 0,
  durationMs,
  timeToFirstTokenMs: null,
  retried: false,
  isStreaming: true,
});

describe('loadingNote', () => {
  test('says how long the attempt took when loading the model was a noticeable share', () => {
    // 170 − 16.3 = 153.7 ms of loading: ≥ 5 ms and ≥ half of 16.3 ms.
    expect(loadingNote([attempt('ok', 170)], 16.3)).toBe(' (the attempt took 170 ms, loading the model included)');
  });

  test('stays quiet when the attempt and the generation agree', () => {
    expect(loadingNote([attempt('ok', 12)], 12)).toBe('');
    // 4.9 ms more: under 5 ms.
    expect(loadingNote([attempt('ok', 8.9)], 4)).toBe('');
    // 6 ms more on a 20 ms generation: under half of it.
    expect(loadingNote([attempt('ok', 26)], 20)).toBe('');
  });

  test('says exactly at the boundaries: 5 ms and half the generation', () => {
    expect(loadingNote([attempt('ok', 15)], 10)).toBe(' (the attempt took 15.0 ms, loading the model included)');
    expect(loadingNote([attempt('ok', 6)], 1)).toBe(' (the attempt took 6.0 ms, loading the model included)');
  });

  test('says nothing without a successful last attempt or a generation time', () => {
    expect(loadingNote([], 10)).toBe('');
    expect(loadingNote([attempt('unavailable', 500)], 10)).toBe('');
    expect(loadingNote([attempt('ok', 500)], null)).toBe('');
  });
});
