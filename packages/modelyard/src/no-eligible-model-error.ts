import { ModelyardError, type SerializedModelyardError } from '@modelyard/core';
import type { RejectedModel } from '@modelyard/selector';
import type { ProviderReport } from './discovery';

const MARKER = Symbol.for('modelyard.no-eligible-model-error');

function summarize(rejected: readonly RejectedModel[], failed: readonly ProviderReport[]): string {
  const counts = new Map<string, number>();
  for (const entry of rejected) {
    for (const reason of entry.reasons) counts.set(reason.code, (counts.get(reason.code) ?? 0) + 1);
  }
  const reasons = [...counts].sort((left, right) => right[1] - left[1]).map(([code, count]) => `${code} ×${count}`);
  const parts = [`${rejected.length} model${rejected.length === 1 ? '' : 's'} rejected`];
  if (reasons.length > 0) parts.push(`reasons: ${reasons.join(', ')}`);
  if (failed.length > 0) parts.push(`providers unavailable: ${failed.map((report) => report.providerId).join(', ')}`);
  return parts.join('; ');
}

/**
 * No listed model meets the requirements (or no provider listed any). Kind `not_found`, not
 * retryable; `rejected` says why each model was filtered out, `providers` which providers failed.
 */
export class NoEligibleModelError extends ModelyardError {
  /** Every model the filters removed, with every reason. */
  readonly rejected: readonly RejectedModel[];
  /** The providers whose listing failed in this discovery. */
  readonly unavailableProviders: readonly ProviderReport[];

  constructor(rejected: readonly RejectedModel[], providers: readonly ProviderReport[]) {
    const failed = providers.filter((report) => report.status === 'failed');
    super({
      kind: 'not_found',
      retryable: false,
      message: `No model meets the requirements (${summarize(rejected, failed)})`,
    });
    this.name = 'NoEligibleModelError';
    this.rejected = rejected;
    this.unavailableProviders = failed;
    Object.defineProperty(this, MARKER, { value: true, enumerable: false });
  }

  /** Whether `value` is a NoEligibleModelError from any install of `modelyard`. */
  static override isInstance(value: unknown): value is NoEligibleModelError {
    return (value as Record<symbol, unknown> | null | undefined)?.[MARKER] === true;
  }

  override toJSON(): SerializedModelyardError & { rejected: { model: string; reasons: string[] }[] } {
    return {
      ...super.toJSON(),
      rejected: this.rejected.map((entry) => ({
        model: `${entry.model.providerId}/${entry.model.modelId}`,
        reasons: entry.reasons.map((reason) => reason.code),
      })),
    };
  }
}
