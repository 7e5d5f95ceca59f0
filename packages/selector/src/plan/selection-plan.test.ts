import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { resolveSelectionOptions } from '../options/selection-options';
import { capabilitiesMask, capabilityBit } from '../prepared/capability-mask';
import { GIB, machine, statsSource } from '../test-support/fixtures';
import { compilePlan, DEFAULT_SCORING_TOKENS } from './selection-plan';

const defaults = resolveSelectionOptions();

describe('compilePlan', () => {
  it('applies requirement defaults and compiles the empty request', () => {
    const plan = compilePlan({}, defaults);
    expect(plan.requirements.task).toBe('general_chat');
    expect(plan.profile).toEqual({ capabilities: { streaming: 1 }, families: {}, asksForSafety: false, weights: {} });
    expect(plan.asksForSafety).toBe(false);
    expect(plan.usesStats).toBe(false);
    expect(plan.preferredLocality).toBeNull();
    expect(plan.requiredCapabilityMask).toBe(0);
    expect(plan.capabilityAffinities).toEqual([[capabilityBit('streaming'), 1]]);
    expect(plan.familyAffinities).toEqual([]);
    expect(plan.taskFitMaximum).toBe(1);
    expect(plan.allowedProviders).toBeNull();
    expect(plan.deniedProviders.size).toBe(0);
    expect(plan.deniedModelKeys.size).toBe(0);
    expect(plan.machine).toBeNull();
    expect(plan.memoryContextLength).toBe(4096);
    expect(plan.filterTokens).toEqual({ inputTokens: null, outputTokens: null });
    expect([plan.inputPriceLimit, plan.outputPriceLimit, plan.costLimit]).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(plan.scoringTokens).toEqual({ inputTokens: 1000, outputTokens: 500 });
    expect(DEFAULT_SCORING_TOKENS).toEqual({ inputTokens: 1000, outputTokens: 500 });
    expect([...plan.weightVector]).toEqual([0.4, 0.3, 0.3, 0.3, 0.2, 0.2, 0.2, 0.1]);
  });

  it('counts every factor the request and options turn on', () => {
    const options = resolveSelectionOptions({ stats: statsSource({}), preferFree: true, hardware: machine(8, 16) });
    const plan = compilePlan({ task: 'therapeutic_response', locality: 'prefer_local' }, options);
    expect(plan.asksForSafety).toBe(true);
    expect(plan.usesStats).toBe(true);
    expect(plan.preferredLocality).toBe('local');
    expect(plan.machine).toEqual({ gpuBytes: 8 * GIB, isDedicatedGpu: true, systemBytes: 16 * GIB });
    expect(compilePlan({ locality: 'prefer_remote' }, defaults).preferredLocality).toBe('remote');
    expect(compilePlan({ locality: 'local_only' }, defaults).preferredLocality).toBeNull();
  });

  it('asks for safety when minSafety is set, even to 0', () => {
    expect(compilePlan({ minSafety: 0 }, defaults).asksForSafety).toBe(true);
  });

  it('puts the task profile weights over the options weights', () => {
    const options = resolveSelectionOptions({
      weights: { cost: 1, quality: 0 },
      taskProfiles: { summarize: { weights: { cost: 2 }, capabilities: {} } },
    });
    const plan = compilePlan({ task: 'summarize' }, options);
    expect(plan.weights).toEqual({ ...defaults.weights, cost: 2, quality: 0 });
    expect(plan.taskFitMaximum).toBe(0);
    expect([...plan.weightVector]).toEqual([0.4, 0, 0.3, 2, 0.2, 0.2, 0.2, 0.1]);
  });

  it('sums capability affinities and adds the largest family affinity', () => {
    const options = resolveSelectionOptions({
      taskProfiles: { code: { capabilities: { code: 1, tools: 0.5 }, families: { qwen: 0.75, deepseek: 0.25 } } },
    });
    const plan = compilePlan({ task: 'code', requiredCapabilities: ['tools', 'json'] }, options);
    expect(plan.taskFitMaximum).toBe(2.25);
    expect(plan.requiredCapabilityMask).toBe(capabilitiesMask(['tools', 'json']));
    expect(plan.familyAffinities).toEqual([
      ['qwen', 0.75],
      ['deepseek', 0.25],
    ]);
  });

  it('compiles lists into sets and token counts for filters and scoring', () => {
    const plan = compilePlan(
      {
        allowProviders: ['a', 'b'],
        denyProviders: ['c'],
        denyModels: [{ providerId: 'a', modelId: 'x/y:z' }],
        expectedInputTokens: 0,
        expectedOutputTokens: 300,
        minContextLength: 0,
      },
      defaults,
    );
    expect([...(plan.allowedProviders ?? [])]).toEqual(['a', 'b']);
    expect([...plan.deniedProviders]).toEqual(['c']);
    expect([...plan.deniedModelKeys]).toEqual(['a/x/y:z']);
    expect(plan.filterTokens).toEqual({ inputTokens: 0, outputTokens: 300 });
    expect(plan.scoringTokens).toEqual({ inputTokens: 0, outputTokens: 300 });
    expect(plan.memoryContextLength).toBe(0);
    expect(compilePlan({ expectedInputTokens: 7 }, defaults).scoringTokens).toEqual({
      inputTokens: 7,
      outputTokens: 500,
    });
  });

  it('compiles price and cost caps into limits per token and per request, 0 included', () => {
    const plan = compilePlan({ maxPricePerMillionTokens: { input: 2, output: 0 }, maxCostPerRequest: 0.5 }, defaults);
    expect(plan.inputPriceLimit).toBe((2 * (1 + 1e-9)) / 1e6);
    expect(plan.outputPriceLimit).toBe(0);
    expect(plan.costLimit).toBe(0.5 * (1 + 1e-9));
  });

  it('estimates memory at the required context, else at the option', () => {
    const options = resolveSelectionOptions({ memoryContextLength: 2048 });
    expect(compilePlan({}, options).memoryContextLength).toBe(2048);
    expect(compilePlan({ minContextLength: 32_000 }, options).memoryContextLength).toBe(32_000);
  });

  it('throws a ConfigError naming bad requirement fields', () => {
    let thrown: unknown;
    try {
      compilePlan({ maxLatency: 5 } as never, defaults);
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigError).message).toBe(
      'Invalid ModelRequirements:\n  - (root): expected only known fields, received unknown field "maxLatency"',
    );
  });
});
