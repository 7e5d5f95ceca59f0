import { parseWithSchema } from '@modelyard/core';
import { z } from 'zod';

/**
 * The smallest value a sketch tells apart from 0, in the unit of the values (ms, tokens/s).
 * Smaller values are counted as 0: the relative-error guarantee holds from here up.
 */
export const SKETCH_MIN_VALUE = 0.001;

/** The largest value a sketch stores as it is; larger values are counted as this one. */
export const SKETCH_MAX_VALUE = 1e9;

/** The relative accuracy sketches use unless told otherwise: quantiles within ±1%. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/**
 * Schema of a sketch's relative accuracy: between 0.001 (±0.1%) and 0.1 (±10%). The bound below
 * keeps a sketch at most ~14,000 bins; the bound above keeps quantiles worth reading.
 */
export const relativeAccuracySchema = z.number().min(0.001).max(0.1);

/**
 * How values map to the integer keys of a DDSketch-style sketch: key `k` covers
 * `(γ^(k-1), γ^k]` with `γ = (1 + α) / (1 − α)`, and reads back as `2γ^k / (1 + γ)`, which is
 * within `α` (relative) of every value of the bin.
 */
export interface SketchMapping {
  /** α: the guaranteed relative error of every quantile, for values ≥ {@link SKETCH_MIN_VALUE}. */
  readonly relativeAccuracy: number;
  /** γ, the ratio between the bounds of a bin. */
  readonly gamma: number;
  /** 1 / ln γ, so that a key costs one logarithm and one multiplication. */
  readonly multiplier: number;
  /** The key every value below {@link SKETCH_MIN_VALUE} goes to; it reads back as 0. */
  readonly zeroKey: number;
  /** The key of {@link SKETCH_MAX_VALUE}, the highest key there is. */
  readonly maxKey: number;
}

// Sketches of one accuracy share one mapping; a monitor uses a single accuracy, so this stays tiny.
const mappings = new Map<number, SketchMapping>();
const MAX_CACHED_MAPPINGS = 16;

/**
 * The mapping for a relative accuracy (shared by every sketch of that accuracy).
 * @throws ConfigError naming `relativeAccuracy` outside [0.001, 0.1].
 */
export function sketchMapping(relativeAccuracy: number): SketchMapping {
  const cached = mappings.get(relativeAccuracy);
  if (cached !== undefined) return cached;
  parseWithSchema(z.object({ relativeAccuracy: relativeAccuracySchema }), { relativeAccuracy }, 'sketch options');
  const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
  const multiplier = 1 / Math.log(gamma);
  const mapping: SketchMapping = Object.freeze({
    relativeAccuracy,
    gamma,
    multiplier,
    zeroKey: Math.ceil(Math.log(SKETCH_MIN_VALUE) * multiplier) - 1,
    maxKey: Math.ceil(Math.log(SKETCH_MAX_VALUE) * multiplier),
  });
  if (mappings.size < MAX_CACHED_MAPPINGS) mappings.set(relativeAccuracy, mapping);
  return mapping;
}

/** The key of a value ≥ 0 (the caller has checked it is a finite number ≥ 0). */
export function keyOf(mapping: SketchMapping, value: number): number {
  if (value < SKETCH_MIN_VALUE) return mapping.zeroKey;
  return Math.ceil(Math.log(Math.min(value, SKETCH_MAX_VALUE)) * mapping.multiplier);
}

/** The value a key reads back as: 0 for the zero key, else the point of least relative error in its bin. */
export function keyValue(mapping: SketchMapping, key: number): number {
  if (key === mapping.zeroKey) return 0;
  return (2 * mapping.gamma ** key) / (1 + mapping.gamma);
}
