import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declaredModelToInfo, discoveredModelToInfo, mergeModels } from './custom-models';

const defaults = { providerId: 'my-server', locality: 'remote' as const };
const idArbitrary: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'org/model:q4', 'model with spaces');

describe('mergeModels (properties)', () => {
  it('lists every id once: all discovered ones first in server order, then the remaining declared ones; config wins', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArbitrary), fc.array(idArbitrary), (declaredIds, discoveredIds) => {
        const declared = declaredIds.map((id) => declaredModelToInfo({ id, contextLength: 1000 }, defaults));
        const discovered = discoveredIds.map((id) => discoveredModelToInfo({ id }, defaults));
        const merged = mergeModels(declared, discovered);
        const ids = merged.map((model) => model.modelId);
        expect(new Set(ids).size).toBe(ids.length);
        const serverOrder = [...new Set(discoveredIds)];
        expect(ids.slice(0, serverOrder.length)).toEqual(serverOrder);
        expect(new Set(ids)).toEqual(new Set([...declaredIds, ...discoveredIds]));
        for (const model of merged) {
          expect(model.contextLength).toBe(declaredIds.includes(model.modelId) ? 1000 : null);
        }
      }),
    );
  });
});
