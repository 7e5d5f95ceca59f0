import type { Clock } from '@modelyard/core';

/** A clock that moves only when told to. */
export interface FakeClock extends Clock {
  /** Sets the time (ms since the epoch). */
  set(time: number): void;
  /** Moves the time forward by `ms`. */
  advance(ms: number): void;
}

/** A fake clock starting at `start` (ms). `sleep` resolves at once: the monitor never sleeps. */
export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let time = start;
  return {
    now: () => time,
    sleep: async () => {},
    set(next) {
      time = next;
    },
    advance(ms) {
      time += ms;
    },
  };
}
