/**
 * Where a cost sits on the scale costs are compared on: `ln(1 + cost in millionths of a USD)`.
 * Logarithmic, because candidates' prices span orders of magnitude (free, $0.10 and $15 per
 * million tokens): on a linear scale one dear model would make all the cheap ones look alike.
 * Monotonic, so a cheaper model always scores at least as high.
 */
export function costScale(costUsd: number): number {
  // NaN (unknown) stays NaN.
  return Math.log1p(costUsd * 1_000_000);
}
