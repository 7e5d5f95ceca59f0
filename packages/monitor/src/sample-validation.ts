import { PROVIDER_ID_PATTERN } from '@modelyard/core';
import { outcomeIndex } from './counter-layout';

// record() must stay far below a microsecond, so it cannot run callSampleSchema (about 2 µs).
// These checks accept exactly what that schema accepts (a property test holds them to it); the
// identity's pattern checks, the slow part, run once per model, when the monitor first sees it.

/** A sample field that failed its check, as the rejected-sample counters name it. */
export type RejectedField =
  | 'sample'
  | 'model'
  | 'model.providerId'
  | 'model.modelId'
  | 'outcome'
  | 'timestamp'
  | 'latencyMs'
  | 'timeToFirstTokenMs'
  | 'inputTokens'
  | 'outputTokens'
  | 'tokensPerSecond'
  | 'costUsd'
  | 'task'
  | 'isStreaming';

/** Every field a sample can be rejected for, in the order they are checked. */
export const REJECTED_FIELDS: readonly RejectedField[] = [
  'sample',
  'model',
  'model.providerId',
  'model.modelId',
  'outcome',
  'timestamp',
  'latencyMs',
  'timeToFirstTokenMs',
  'inputTokens',
  'outputTokens',
  'tokensPerSecond',
  'costUsd',
  'task',
  'isStreaming',
];

function isMeasure(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY;
}

function isOptionalMeasure(value: unknown): boolean {
  return value === null || isMeasure(value);
}

function isOptionalCount(value: unknown): boolean {
  return value === null || (Number.isSafeInteger(value) && (value as number) >= 0);
}

/**
 * The first field of `sample` that core's `callSampleSchema` would reject, leaving out the pattern
 * checks of the model identity ({@link findInvalidIdentityField}); `undefined` when none.
 */
export function findInvalidField(sample: unknown): RejectedField | undefined {
  if (typeof sample !== 'object' || sample === null) return 'sample';
  const fields = sample as Record<string, unknown>;
  const model = fields.model as Record<string, unknown> | null | undefined;
  if (typeof model !== 'object' || model === null) return 'model';
  if (typeof model.providerId !== 'string') return 'model.providerId';
  if (typeof model.modelId !== 'string') return 'model.modelId';
  if (outcomeIndex(fields.outcome) === undefined) return 'outcome';
  if (!Number.isFinite(fields.timestamp)) return 'timestamp';
  if (!isMeasure(fields.latencyMs)) return 'latencyMs';
  if (!isOptionalMeasure(fields.timeToFirstTokenMs)) return 'timeToFirstTokenMs';
  if (!isOptionalCount(fields.inputTokens)) return 'inputTokens';
  if (!isOptionalCount(fields.outputTokens)) return 'outputTokens';
  if (!isOptionalMeasure(fields.tokensPerSecond)) return 'tokensPerSecond';
  if (!isOptionalMeasure(fields.costUsd)) return 'costUsd';
  const task = fields.task;
  if (task !== null && (typeof task !== 'string' || task.length === 0)) return 'task';
  if (typeof fields.isStreaming !== 'boolean') return 'isStreaming';
  return undefined;
}

/** The identity field core's `modelIdentitySchema` would reject, for strings already checked as such. */
export function findInvalidIdentityField(providerId: string, modelId: string): RejectedField | undefined {
  if (!PROVIDER_ID_PATTERN.test(providerId)) return 'model.providerId';
  if (modelId.length === 0 || !modelId.isWellFormed()) return 'model.modelId';
  return undefined;
}
