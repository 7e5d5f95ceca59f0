import { z } from 'zod';
import type { SketchMapping } from './sketch-mapping';

/** A {@link QuantileSketch} as plain JSON (what `toJSON()` writes and `fromJSON()` reads). */
export interface QuantileSketchJson {
  /** Keys of the non-empty bins, strictly ascending (meaningful only with the sketch's accuracy). */
  keys: number[];
  /** How many values each bin holds, one per key, each ≥ 1. */
  counts: number[];
  /** The exact sum of the values. */
  sum: number;
  /** The exact smallest value; `null` when the sketch is empty. */
  min: number | null;
  /** The exact largest value; `null` when the sketch is empty. */
  max: number | null;
}

const measure = z.number().finite().min(0);

/**
 * Schema of {@link QuantileSketchJson} under one mapping: keys must lie in the mapping's range, so
 * a hostile or corrupt snapshot cannot make a sketch allocate more than the mapping allows.
 */
export function sketchJsonSchema(mapping: SketchMapping) {
  return z
    .strictObject({
      keys: z.array(z.int().min(mapping.zeroKey).max(mapping.maxKey)),
      counts: z.array(z.int().min(1)),
      sum: measure,
      min: measure.nullable(),
      max: measure.nullable(),
    })
    .superRefine((sketch, context) => {
      const { keys, counts, min, max } = sketch;
      if (counts.length !== keys.length) {
        context.addIssue({
          code: 'custom',
          path: ['counts'],
          message: `one count per key (${keys.length})`,
          input: `${counts.length} counts`,
        });
      }
      for (let index = 1; index < keys.length; index += 1) {
        if ((keys[index] as number) <= (keys[index - 1] as number)) {
          context.addIssue({
            code: 'custom',
            path: ['keys', index],
            message: 'keys in strictly ascending order',
            input: keys[index],
          });
        }
      }
      const isEmpty = keys.length === 0;
      for (const [field, value] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (isEmpty !== (value === null)) {
          context.addIssue({
            code: 'custom',
            path: [field],
            message: isEmpty ? 'null for an empty sketch' : 'a number for a sketch with values',
            input: value,
          });
        }
      }
      if (min !== null && max !== null && min > max) {
        context.addIssue({ code: 'custom', path: ['max'], message: `a number ≥ min (${min})`, input: max });
      }
    });
}
