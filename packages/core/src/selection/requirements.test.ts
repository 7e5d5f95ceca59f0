import { describe, expect, it } from 'vitest';
import { ConfigError, parseWithSchema } from '../errors/config-error';
import { BUILT_IN_TASKS, isBuiltInTask, localitySchema, modelRequirementsSchema } from './requirements';

function messageOf(input: unknown): string {
  try {
    parseWithSchema(modelRequirementsSchema, input, 'ModelRequirements');
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('tasks and locality', () => {
  it("lists TTA's eight built-in tasks", () => {
    expect(BUILT_IN_TASKS).toEqual([
      'narrative_generation',
      'dialogue_generation',
      'character_development',
      'therapeutic_response',
      'world_building',
      'choice_generation',
      'consequence_analysis',
      'general_chat',
    ]);
  });

  it('isBuiltInTask tells built-in from custom tasks', () => {
    expect(isBuiltInTask('world_building')).toBe(true);
    expect(isBuiltInTask('summarize_ticket')).toBe(false);
    expect(isBuiltInTask('World_Building')).toBe(false);
  });

  it('localitySchema has the five preferences', () => {
    expect(localitySchema.options).toEqual(['any', 'prefer_local', 'prefer_remote', 'local_only', 'remote_only']);
  });
});

describe('modelRequirementsSchema', () => {
  it('fills every default from an empty object, and sets no cap', () => {
    const requirements = modelRequirementsSchema.parse({});
    expect(requirements).toStrictEqual({
      task: 'general_chat',
      requiredCapabilities: [],
      locality: 'any',
      freeOnly: false,
      denyProviders: [],
      denyModels: [],
    });
  });

  it('keeps 0 as a value for every cap', () => {
    expect(
      modelRequirementsSchema.parse({
        minContextLength: 0,
        maxPricePerMillionTokens: { input: 0 },
        maxCostPerRequest: 0,
        maxLatencyMs: 0,
        minQuality: 0,
        minSafety: 0,
        expectedInputTokens: 0,
        expectedOutputTokens: 0,
      }),
    ).toStrictEqual({
      task: 'general_chat',
      minContextLength: 0,
      requiredCapabilities: [],
      maxPricePerMillionTokens: { input: 0 },
      maxCostPerRequest: 0,
      maxLatencyMs: 0,
      minQuality: 0,
      minSafety: 0,
      locality: 'any',
      freeOnly: false,
      denyProviders: [],
      denyModels: [],
      expectedInputTokens: 0,
      expectedOutputTokens: 0,
    });
  });

  it('keeps everything given, custom tasks included', () => {
    const input = {
      task: 'summarize_ticket',
      minContextLength: 32_000,
      requiredCapabilities: ['tools', 'json'],
      maxPricePerMillionTokens: { input: 0.5, output: 1.5 },
      maxCostPerRequest: 0.01,
      maxLatencyMs: 2500,
      minQuality: 7,
      minSafety: 8,
      locality: 'prefer_local',
      freeOnly: true,
      allowProviders: ['ollama', 'openrouter'],
      denyProviders: ['my-vllm'],
      denyModels: [{ providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' }],
      expectedInputTokens: 1200,
      expectedOutputTokens: 300,
    };
    expect(modelRequirementsSchema.parse(input)).toStrictEqual(input);
  });

  it('rejects a negative latency cap with the exact message', () => {
    expect(messageOf({ maxLatencyMs: -5 })).toBe(
      'Invalid ModelRequirements:\n  - maxLatencyMs: expected a number ≥ 0, received -5',
    );
  });

  it('rejects an unknown field, naming it (a typo is not a silent no-op)', () => {
    expect(messageOf({ maxLatency: 500 })).toBe(
      'Invalid ModelRequirements:\n  - (root): expected only known fields, received unknown field "maxLatency"',
    );
    expect(messageOf({ maxPricePerMillionTokens: { inputs: 1 } })).toBe(
      'Invalid ModelRequirements:\n  - maxPricePerMillionTokens: expected only known fields, received unknown field "inputs"',
    );
  });

  it('rejects a provider both allowed and denied, naming where', () => {
    expect(messageOf({ allowProviders: ['ollama', 'openrouter'], denyProviders: ['openrouter'] })).toBe(
      'Invalid ModelRequirements:\n  - allowProviders[1]: expected a provider not also in denyProviders ("openrouter" is in both), received "openrouter"',
    );
  });

  it('rejects values out of range, each with its path', () => {
    expect(
      messageOf({
        task: '',
        minContextLength: 1.5,
        requiredCapabilities: ['chat', 'mind_reading'],
        maxCostPerRequest: Number.POSITIVE_INFINITY,
        minQuality: 10.5,
        locality: 'local',
        allowProviders: [],
        denyProviders: ['Ollama'],
        denyModels: [{ providerId: 'ollama' }],
      }),
    ).toBe(
      [
        'Invalid ModelRequirements:',
        '  - task: expected a string of ≥ 1 characters, received ""',
        '  - minContextLength: expected an integer, received 1.5',
        '  - requiredCapabilities[1]: expected one of "chat", "streaming", "tools", "json", "structured_output", "vision", "audio", "embeddings", "reasoning", "code", "long_context", received "mind_reading"',
        '  - maxCostPerRequest: expected a number, received Infinity',
        '  - minQuality: expected a number ≤ 10, received 10.5',
        '  - locality: expected one of "any", "prefer_local", "prefer_remote", "local_only", "remote_only", received "local"',
        '  - allowProviders: expected ≥ 1 items, received an array of 0',
        '  - denyProviders[0]: expected a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters, received "Ollama"',
        '  - denyModels[0].modelId: expected a string, received nothing (undefined)',
      ].join('\n'),
    );
  });
});
