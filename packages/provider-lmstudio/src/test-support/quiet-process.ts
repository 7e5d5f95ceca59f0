// Watches a test for what this provider must never do: write to the console or leave a promise
// rejection unhandled.
import { afterEach, beforeEach, expect, type MockInstance, vi } from 'vitest';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Registers hooks that fail the test on console output or an unhandled rejection. */
export function expectQuietProcess(): void {
  let spies: MockInstance[] = [];
  let unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    spies = CONSOLE_METHODS.map((method) => vi.spyOn(console, method));
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    // Rejections surface a turn after the test's last await.
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onUnhandled);
    const calls = spies.flatMap((spy) => spy.mock.calls);
    for (const spy of spies) spy.mockRestore();
    expect(calls, 'console output').toEqual([]);
    expect(unhandled, 'unhandled rejections').toEqual([]);
  });
}
