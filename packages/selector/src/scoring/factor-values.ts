import { type Candidates, columnValue, type Range } from './candidates';
import { COLUMN, COLUMN_COUNT } from './columns';
import { FACTOR_INDEX } from './factors';

/** Quality factor of a model without a quality score: the middle of the scale, neither reward nor penalty. */
export const UNKNOWN_QUALITY_FACTOR = 0.5;
/** Performance factor of a model without measurements: the middle of the scale. */
export const UNMEASURED_PERFORMANCE_FACTOR = 0.5;

const { safety, quality, performance, cost, taskFit, locality, free, hardware } = FACTOR_INDEX;

/** Min–max position, 1 for the smallest value; 1 for everyone when all values are equal. */
export function lowerIsBetter(value: number, range: Range): number {
  return range.max === range.min ? 1 : (range.max - value) / (range.max - range.min);
}

/** Min–max position, 1 for the largest value; 1 for everyone when all values are equal. */
export function higherIsBetter(value: number, range: Range): number {
  return range.max === range.min ? 1 : (value - range.min) / (range.max - range.min);
}

/** Safety score ÷ 10; unknown 0: a request that asks for safety does not trust a model without a score. */
export function safetyFactor(candidates: Candidates, index: number): number {
  const score = columnValue(candidates, index, COLUMN.safety);
  return Number.isNaN(score) ? 0 : score / 10;
}

/** Quality score ÷ 10; unknown {@link UNKNOWN_QUALITY_FACTOR}. */
export function qualityFactor(candidates: Candidates, index: number): number {
  const score = columnValue(candidates, index, COLUMN.quality);
  // A literal, not the constant: a module constant is a boxed number to V8, and mixing it with a
  // computed double boxes the result, an allocation per candidate.
  return Number.isNaN(score) ? 0.5 : score / 10;
}

/**
 * Writes the performance factor into `out`: the mean of the success rate and of whichever of p95
 * latency, p95 time to first token and tokens per second were measured, each min–max normalized
 * over the candidates; {@link UNMEASURED_PERFORMANCE_FACTOR} without measurements. Written, not
 * returned: a double returned from a call V8 does not inline is boxed, one per candidate.
 */
export function writePerformanceFactor(candidates: Candidates, index: number, out: Float64Array): void {
  out[performance] = performanceFactor(candidates, index);
}

function performanceFactor(candidates: Candidates, index: number): number {
  const successRate = columnValue(candidates, index, COLUMN.successRate);
  // UNMEASURED_PERFORMANCE_FACTOR as a literal, for the reason given in qualityFactor.
  if (Number.isNaN(successRate)) return 0.5;
  let sum = successRate;
  let count = 1;
  const latency = columnValue(candidates, index, COLUMN.latencyMs);
  if (!Number.isNaN(latency)) {
    sum += lowerIsBetter(latency, candidates.latencyRange);
    count += 1;
  }
  const firstToken = columnValue(candidates, index, COLUMN.timeToFirstTokenMs);
  if (!Number.isNaN(firstToken)) {
    sum += lowerIsBetter(firstToken, candidates.timeToFirstTokenRange);
    count += 1;
  }
  const speed = columnValue(candidates, index, COLUMN.tokensPerSecond);
  if (!Number.isNaN(speed)) {
    sum += higherIsBetter(speed, candidates.tokensPerSecondRange);
    count += 1;
  }
  return sum / count;
}

/** Cheapest candidate 1, dearest 0 (log scale); unknown cost 0, like the dearest. */
export function costFactor(candidates: Candidates, index: number): number {
  const cost = columnValue(candidates, index, COLUMN.cost);
  return Number.isNaN(cost) ? 0 : lowerIsBetter(cost, candidates.costRange);
}

/** Matched affinity ÷ the most a model can match. */
export function taskFitFactor(candidates: Candidates, index: number): number {
  return columnValue(candidates, index, COLUMN.taskFit) / candidates.plan.taskFitMaximum;
}

/** 1 when the model runs where the request prefers, else 0. */
export function localityFactor(candidates: Candidates, index: number): number {
  const isLocal = columnValue(candidates, index, COLUMN.isLocal) === 1;
  return isLocal === (candidates.plan.preferredLocality === 'local') ? 1 : 0;
}

/** 1 when the provider reports the model free, else 0. */
export function freeFactor(candidates: Candidates, index: number): number {
  return columnValue(candidates, index, COLUMN.isFree);
}

/**
 * Writes the normalized value (0–1) of every factor of one candidate into `out`, in
 * `FACTOR_NAMES` order, `NaN` where a factor does not apply: the explanation of
 * {@link scoreCandidate}, from the same factor functions.
 */
export function fillFactors(candidates: Candidates, index: number, out: Float64Array): void {
  const { plan } = candidates;
  out[safety] = plan.asksForSafety ? safetyFactor(candidates, index) : Number.NaN;
  out[quality] = qualityFactor(candidates, index);
  if (plan.usesStats) writePerformanceFactor(candidates, index, out);
  else out[performance] = Number.NaN;
  out[cost] = costFactor(candidates, index);
  out[taskFit] = plan.taskFitMaximum > 0 ? taskFitFactor(candidates, index) : Number.NaN;
  out[locality] = plan.preferredLocality === null ? Number.NaN : localityFactor(candidates, index);
  out[free] = plan.options.preferFree ? freeFactor(candidates, index) : Number.NaN;
  out[hardware] = columnValue(candidates, index, COLUMN.hardware);
}

/** Sum of the weights of the factors that apply (not `NaN` in `factors`). */
export function appliedWeight(factors: Float64Array, weights: Float64Array): number {
  let total = 0;
  for (let factor = 0; factor < factors.length; factor += 1) {
    if (!Number.isNaN(factors[factor] as number)) total += weights[factor] as number;
  }
  return total;
}

/**
 * Scores one candidate into its `score` column: Σ (weight ÷ applied weight) × value over the
 * factors that apply, 0–1; 0 when no factor that applies has weight. An explanation's
 * contributions are these very terms, so they add up to the score exactly.
 *
 * The score is stored, not returned, and the factors go through `factors` (scratch space): a
 * double that crosses a call V8 does not inline is boxed, one allocation per candidate.
 */
export function scoreCandidate(candidates: Candidates, index: number, factors: Float64Array): void {
  fillFactors(candidates, index, factors);
  const weights = candidates.plan.weightVector;
  // appliedWeight, inline: its result would be boxed if V8 did not inline the call.
  let total = 0;
  for (let factor = 0; factor < factors.length; factor += 1) {
    if (!Number.isNaN(factors[factor] as number)) total += weights[factor] as number;
  }
  let score = 0;
  for (let factor = 0; factor < factors.length; factor += 1) {
    const value = factors[factor] as number;
    if (total > 0 && !Number.isNaN(value)) score += ((weights[factor] as number) / total) * value;
  }
  candidates.values[index * COLUMN_COUNT + COLUMN.score] = score;
}
