import { z } from 'zod';

/**
 * One sliding window: a ring of `bucketCount` buckets of `lengthMs / bucketCount` ms each. A
 * sample stays in the window from its bucket's start for `lengthMs`, so at any moment the window
 * covers the last `lengthMs − bucket width` to `lengthMs` milliseconds.
 */
export const windowDefinitionSchema = z.strictObject({
  /** How queries, snapshots and metric labels name the window (`1m`, `5m`, `1h`, `24h`). */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,16}$/, 'a name of 1-16 letters, digits, "_", ".", "-"'),
  /** Length of the window in ms (at least 1 s, at most 31 days). */
  lengthMs: z
    .int()
    .min(1000)
    .max(31 * 86_400_000),
  /** Buckets in the ring (1–120): more buckets slide more smoothly and cost more memory. */
  bucketCount: z.int().min(1).max(120),
});

/** One sliding window; see {@link windowDefinitionSchema}. */
export type WindowDefinition = z.output<typeof windowDefinitionSchema>;

/**
 * The default windows: 1 min in 12 buckets of 5 s, 5 min in 10 of 30 s, 1 h in 12 of 5 min,
 * 24 h in 24 of 1 h (58 buckets per model).
 */
export const DEFAULT_WINDOWS: readonly WindowDefinition[] = Object.freeze([
  { name: '1m', lengthMs: 60_000, bucketCount: 12 },
  { name: '5m', lengthMs: 300_000, bucketCount: 10 },
  { name: '1h', lengthMs: 3_600_000, bucketCount: 12 },
  { name: '24h', lengthMs: 86_400_000, bucketCount: 24 },
]);

/**
 * Schema of a list of windows: 1–8 of them, names unique, each bucket a whole number of ms. The
 * windows nest (a value moves from a shorter window into the next longer one when it leaves the
 * shorter one), so, shortest first, each length must be longer than the one before by at least its
 * own bucket width, and each bucket width a multiple of the one before.
 */
export const windowListSchema = z
  .array(windowDefinitionSchema)
  .min(1)
  .max(8)
  .superRefine((windows, context) => {
    const issue = (index: number, field: keyof WindowDefinition, message: string, input: unknown) => {
      context.addIssue({ code: 'custom', path: [index, field], message, input });
    };
    const seen = new Set<string>();
    windows.forEach((window, index) => {
      if (window.lengthMs % window.bucketCount !== 0) {
        issue(index, 'bucketCount', `a divisor of lengthMs (${window.lengthMs})`, window.bucketCount);
      }
      if (seen.has(window.name)) issue(index, 'name', 'a name no other window has', window.name);
      seen.add(window.name);
    });
    const order = windows
      .map((_window, index) => index)
      .sort((left, right) => lengthOf(windows, left) - lengthOf(windows, right));
    for (let position = 1; position < order.length; position += 1) {
      const shorter = windows[order[position - 1] as number] as WindowDefinition;
      const index = order[position] as number;
      const window = windows[index] as WindowDefinition;
      const width = window.lengthMs / window.bucketCount;
      const shorterWidth = shorter.lengthMs / shorter.bucketCount;
      if (window.lengthMs < shorter.lengthMs + width) {
        issue(
          index,
          'lengthMs',
          `at least ${shorter.name}'s length plus one bucket (${shorter.lengthMs + width})`,
          window.lengthMs,
        );
      } else if (width % shorterWidth !== 0) {
        issue(
          index,
          'bucketCount',
          `a count that makes each bucket a multiple of ${shorter.name}'s (${shorterWidth} ms)`,
          window.bucketCount,
        );
      }
    }
  });

function lengthOf(windows: readonly WindowDefinition[], index: number): number {
  return (windows[index] as WindowDefinition).lengthMs;
}

/** The windows sorted shortest first: the order the monitor keeps them in. */
export function sortWindows(windows: readonly WindowDefinition[]): WindowDefinition[] {
  return [...windows].sort((left, right) => left.lengthMs - right.lengthMs);
}
