import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelIdentityArbitrary, providerIdArbitrary } from '../test-support/arbitraries';
import {
  compareModelIdentities,
  fileNameToModelIdentity,
  formatModelKey,
  modelIdentitySchema,
  modelIdentityToFileName,
  parseModelKey,
} from './identity';

describe('model identity (properties)', () => {
  it('the generated identities are valid identities', () => {
    fc.assert(
      fc.property(modelIdentityArbitrary, (identity) => {
        expect(modelIdentitySchema.parse(identity)).toEqual(identity);
      }),
    );
  });

  it('parseModelKey(formatModelKey(x)) is x', () => {
    fc.assert(
      fc.property(modelIdentityArbitrary, (identity) => {
        expect(parseModelKey(formatModelKey(identity))).toEqual(identity);
      }),
    );
  });

  it('fileNameToModelIdentity(modelIdentityToFileName(x)) is x, and the name is portable', () => {
    fc.assert(
      fc.property(modelIdentityArbitrary, (identity) => {
        const fileName = modelIdentityToFileName(identity);
        expect(fileName).toMatch(/^[A-Za-z0-9._%@-]+$/);
        expect(fileName.startsWith('.')).toBe(false);
        expect(fileNameToModelIdentity(fileName)).toEqual(identity);
      }),
    );
  });

  it('distinct identities have distinct keys and distinct file names', () => {
    fc.assert(
      fc.property(modelIdentityArbitrary, modelIdentityArbitrary, (left, right) => {
        const isSame = left.providerId === right.providerId && left.modelId === right.modelId;
        expect(formatModelKey(left) === formatModelKey(right)).toBe(isSame);
        expect(modelIdentityToFileName(left) === modelIdentityToFileName(right)).toBe(isSame);
      }),
    );
  });

  it('compareModelIdentities is antisymmetric and zero only for the same model', () => {
    fc.assert(
      fc.property(modelIdentityArbitrary, modelIdentityArbitrary, (left, right) => {
        const forward = compareModelIdentities(left, right);
        expect(compareModelIdentities(right, left)).toBe(-forward);
        expect(forward === 0).toBe(left.providerId === right.providerId && left.modelId === right.modelId);
      }),
    );
  });

  it('fileNameToModelIdentity accepts only names the writer produces', () => {
    // Names of the right shape with any escapes: most are not UTF-8 or not canonical.
    const fileNameShaped = fc
      .tuple(providerIdArbitrary, fc.stringMatching(/^([A-Za-z0-9._-]|%[0-9A-F]{2})+$/))
      .map(([providerId, encoded]) => `${providerId}@${encoded}`);
    fc.assert(
      fc.property(fc.oneof(fileNameShaped, fc.string({ unit: 'binary-ascii' })), (fileName) => {
        let identity: ReturnType<typeof fileNameToModelIdentity> | undefined;
        try {
          identity = fileNameToModelIdentity(fileName);
        } catch {
          return;
        }
        expect(modelIdentityToFileName(identity)).toBe(fileName);
      }),
    );
  });
});
