import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { readCallOptions } from './call-options';

const defaults = { totalMs: 10_000, attemptMs: 2_000, firstTokenMs: null, idleMs: 500 };

describe('readCallOptions', () => {
  it('without options: the runner’s timeouts, no signal, no task', () => {
    expect(readCallOptions(defaults, undefined)).toEqual({ signal: undefined, timeouts: defaults, task: null });
  });
  it('overrides only the timeouts given; null removes one, 0 is a value', () => {
    const signal = new AbortController().signal;
    const read = readCallOptions(defaults, {
      signal,
      timeouts: { totalMs: 0, idleMs: null, attemptMs: undefined },
      task: 'code_generation',
    });
    expect(read).toEqual({
      signal,
      timeouts: { totalMs: 0, attemptMs: 2_000, firstTokenMs: null, idleMs: null },
      task: 'code_generation',
    });
    expect(defaults.totalMs).toBe(10_000);
  });
  it('rejects bad call options naming each field', () => {
    let error: unknown;
    try {
      readCallOptions(defaults, { signal: 'stop', timeouts: { totalMs: -1 }, task: '', retries: 2 } as never);
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).message).toBe(
      [
        'Invalid fallback call options:',
        '  - signal: expected an AbortSignal, received "stop"',
        '  - timeouts.totalMs: expected a number ≥ 0, received -1',
        '  - task: expected a string of ≥ 1 characters, received ""',
        '  - (root): expected only known fields, received unknown field "retries"',
      ].join('\n'),
    );
  });
  it('an object that only looks like a signal in part is not one', () => {
    expect(() => readCallOptions(defaults, { signal: { aborted: false } as never })).toThrow('expected an AbortSignal');
    expect(() => readCallOptions(defaults, { signal: null as never })).toThrow('expected an AbortSignal');
    expect(() => readCallOptions(defaults, { signal: new EventTarget() as never })).toThrow('expected an AbortSignal');
    const callable = Object.assign(() => {}, { aborted: false, addEventListener() {} });
    expect(() => readCallOptions(defaults, { signal: callable as never })).toThrow('expected an AbortSignal');
  });
});
