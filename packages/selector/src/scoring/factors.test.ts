import { BUILT_IN_TASKS } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, FACTOR_INDEX, FACTOR_NAMES } from './factors';
import { BUILT_IN_TASK_PROFILES } from './task-profiles';

describe('factors and defaults', () => {
  it('lists the factors in explanation order', () => {
    expect(FACTOR_NAMES).toEqual([
      'safety',
      'quality',
      'performance',
      'cost',
      'taskFit',
      'locality',
      'free',
      'hardware',
    ]);
    expect(FACTOR_NAMES.map((name) => FACTOR_INDEX[name])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("keeps TTA's weights: safety 0.4, performance 0.3, cost 0.3", () => {
    expect(DEFAULT_WEIGHTS).toEqual({
      safety: 0.4,
      quality: 0.3,
      performance: 0.3,
      cost: 0.3,
      taskFit: 0.2,
      locality: 0.2,
      free: 0.2,
      hardware: 0.1,
    });
    expect(Object.isFrozen(DEFAULT_WEIGHTS)).toBe(true);
  });

  it("has a profile for each of TTA's tasks; only therapeutic_response asks for safety", () => {
    expect(Object.keys(BUILT_IN_TASK_PROFILES)).toEqual([...BUILT_IN_TASKS]);
    expect(BUILT_IN_TASK_PROFILES).toEqual({
      narrative_generation: {
        capabilities: { long_context: 1, streaming: 0.5 },
        families: {},
        asksForSafety: false,
        weights: {},
      },
      dialogue_generation: { capabilities: { streaming: 1 }, families: {}, asksForSafety: false, weights: {} },
      character_development: {
        capabilities: { long_context: 1, structured_output: 0.5 },
        families: {},
        asksForSafety: false,
        weights: {},
      },
      therapeutic_response: { capabilities: { streaming: 1 }, families: {}, asksForSafety: true, weights: {} },
      world_building: {
        capabilities: { long_context: 1, structured_output: 0.5, json: 0.5 },
        families: {},
        asksForSafety: false,
        weights: {},
      },
      choice_generation: {
        capabilities: { structured_output: 1, json: 1 },
        families: {},
        asksForSafety: false,
        weights: {},
      },
      consequence_analysis: {
        capabilities: { reasoning: 1, structured_output: 0.5 },
        families: {},
        asksForSafety: false,
        weights: {},
      },
      general_chat: { capabilities: { streaming: 1 }, families: {}, asksForSafety: false, weights: {} },
    });
  });
});
