import {
  callSampleSchema,
  formatModelKey,
  hardwareProfileSchema,
  modelInfoSchema,
  modelRequirementsSchema,
  parseModelKey,
} from '@modelyard/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  callSampleArbitrary,
  faultScriptArbitrary,
  generateRequestArbitrary,
  hardwareProfileArbitrary,
  mockScriptArbitrary,
  modelCatalogueArbitrary,
  modelIdArbitrary,
  modelInfoArbitrary,
  modelRequirementsArbitrary,
} from './arbitraries';
import { FAULT_TYPES } from './fakes/fault';

describe('arbitraries', () => {
  test('model ids survive the model key round trip and include the nasty characters', () => {
    fc.assert(
      fc.property(modelIdArbitrary, (modelId) => {
        expect(parseModelKey(formatModelKey({ providerId: 'p', modelId }))).toEqual({ providerId: 'p', modelId });
      }),
    );
    const sample = fc.sample(modelIdArbitrary, { numRuns: 500, seed: 1 });
    for (const character of ['/', ':', '%', '@']) expect(sample.some((id) => id.includes(character))).toBe(true);
    expect(sample.some((id) => [...id].some((character) => (character.codePointAt(0) ?? 0) > 127))).toBe(true);
  });

  test('model infos are schema-valid, honour fixed fields, and local ones carry weights', () => {
    fc.assert(
      fc.property(modelInfoArbitrary({ providerId: 'fixed', locality: 'local' }), (model) => {
        expect(modelInfoSchema.safeParse(model).success).toBe(true);
        expect(model.providerId).toBe('fixed');
        expect(model.weights?.memoryEstimates).toHaveLength(1);
      }),
    );
    fc.assert(
      fc.property(modelInfoArbitrary({ locality: 'remote' }), (model) => {
        expect(model.weights).toBeNull();
        if (model.isFree) expect(model.pricing).toEqual({ inputPerToken: 0, outputPerToken: 0, perRequest: 0 });
      }),
    );
  });

  test('catalogues have unique identities', () => {
    fc.assert(
      fc.property(modelCatalogueArbitrary({ minLength: 2, maxLength: 8 }), (models) => {
        const keys = models.map((model) => formatModelKey(model));
        expect(new Set(keys).size).toBe(keys.length);
        expect(models.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  test('requirements, hardware profiles and call samples are schema-valid', () => {
    fc.assert(
      fc.property(modelRequirementsArbitrary, (requirements) => {
        expect(modelRequirementsSchema.safeParse(requirements).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(hardwareProfileArbitrary, (hardware) => {
        expect(hardwareProfileSchema.safeParse(hardware).success).toBe(true);
        expect(hardware.memory.availableBytes).toBeLessThanOrEqual(hardware.memory.totalBytes);
        for (const gpu of hardware.gpus) expect(gpu.hasUnifiedMemory).toBe(gpu.vendor === 'apple');
      }),
    );
    const identities = [{ providerId: 'a', modelId: 'x' }];
    fc.assert(
      fc.property(callSampleArbitrary({ identities, fromMs: 100, toMs: 200 }), (sample) => {
        expect(callSampleSchema.safeParse(sample).success).toBe(true);
        expect(sample.model).toEqual(identities[0]);
        expect(sample.timestamp).toBeGreaterThanOrEqual(100);
        expect(sample.timestamp).toBeLessThanOrEqual(200);
      }),
    );
  });

  test('fault scripts cover every fault type but the stall; mock scripts are never empty', () => {
    const types = new Set(
      fc
        .sample(faultScriptArbitrary, { numRuns: 300, seed: 2 })
        .flat()
        .map((fault) => fault.type),
    );
    expect([...types].sort()).toEqual(FAULT_TYPES.filter((type) => type !== 'stall').sort());
    fc.assert(
      fc.property(mockScriptArbitrary, (script) => {
        expect(script.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(generateRequestArbitrary, (request) => {
        expect(request.messages.length).toBeGreaterThan(0);
      }),
    );
  });
});
