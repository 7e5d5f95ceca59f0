import { describe, expect, it } from 'vitest';
import * as selector from './index';

describe('public surface', () => {
  it('exports the documented values and nothing else', () => {
    expect(Object.keys(selector).sort()).toEqual(
      [
        'BUILT_IN_TASK_PROFILES',
        'DEFAULT_MEMORY_CONTEXT_LENGTH',
        'DEFAULT_SCORING_TOKENS',
        'DEFAULT_WEIGHTS',
        'FACTOR_NAMES',
        'KV_CACHE_BYTES_PER_SQRT_PARAMETER',
        'REJECTION_CODES',
        'RUNTIME_OVERHEAD_SHARE',
        'UNKNOWN_QUALITY_FACTOR',
        'UNKNOWN_QUANTIZATION_BITS',
        'UNMEASURED_PERFORMANCE_FACTOR',
        'bitsPerWeight',
        'createSelector',
        'detectHardware',
        'estimateMemoryFit',
        'estimateModelMemory',
        'explainRanking',
        'filterModels',
        'rankModels',
        'resolveSelectionOptions',
        'selectModel',
      ].sort(),
    );
  });
});
