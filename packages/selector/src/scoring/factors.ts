/**
 * The factors a model is scored on, in the order every explanation lists them.
 *
 * | factor        | normalized value (0–1)                                                    | applies when                                   |
 * |---------------|----------------------------------------------------------------------------|------------------------------------------------|
 * | `safety`      | safety score / 10; unknown = 0                                             | `minSafety` is set or the task profile asks    |
 * | `quality`     | quality score / 10; unknown = 0.5                                          | always                                         |
 * | `performance` | mean of latency, time to first token, tokens/s (min–max over the candidates) and success rate; unmeasured = 0.5 | a stats source is given |
 * | `cost`        | cheapest candidate 1, dearest 0, on a log scale; unknown = 0               | always                                         |
 * | `taskFit`     | matched capability and family affinities / the most a model can match      | the task profile has affinities                |
 * | `locality`    | 1 when the model runs where `prefer_local` / `prefer_remote` asks, else 0  | locality is `prefer_local` or `prefer_remote`  |
 * | `free`        | 1 when the provider reports the model free, else 0                         | `preferFree` is set                            |
 * | `hardware`    | from the memory fit: VRAM 0.7–1, partial 0.4–0.7, RAM only 0.1–0.4, unknown 0.5 | local models, when a hardware profile is given |
 */
export const FACTOR_NAMES = [
  'safety',
  'quality',
  'performance',
  'cost',
  'taskFit',
  'locality',
  'free',
  'hardware',
] as const;

/** One of {@link FACTOR_NAMES}. */
export type FactorName = (typeof FACTOR_NAMES)[number];

/** A weight (≥ 0, any scale) per factor. */
export type FactorWeights = Record<FactorName, number>;

/**
 * The default weights. Safety 0.4, performance 0.3 and cost 0.3 are TTA's therapeutic weights;
 * the others sit beside them. Weights are relative: a model's score divides each weight by the sum
 * of the weights of the factors that apply to it, so the score stays in 0–1.
 */
export const DEFAULT_WEIGHTS: Readonly<FactorWeights> = Object.freeze({
  safety: 0.4,
  quality: 0.3,
  performance: 0.3,
  cost: 0.3,
  taskFit: 0.2,
  locality: 0.2,
  free: 0.2,
  hardware: 0.1,
});

/** Index of each factor in {@link FACTOR_NAMES}, for the per-model factor arrays. */
export const FACTOR_INDEX: Readonly<Record<FactorName, number>> = Object.freeze(
  Object.fromEntries(FACTOR_NAMES.map((name, index) => [name, index])) as Record<FactorName, number>,
);
