import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGguf } from './gguf-decoder';
import { encodeGguf } from './gguf-encoder';
import type { GgufMetadataEntry, GgufTensor, GgufValue } from './gguf-types';

const wellFormedText = fc.string({ maxLength: 12 }).filter((value) => value.isWellFormed());
const numberTypes = {
  uint8: fc.integer({ min: 0, max: 255 }),
  int8: fc.integer({ min: -128, max: 127 }),
  uint16: fc.integer({ min: 0, max: 65535 }),
  int16: fc.integer({ min: -32768, max: 32767 }),
  uint32: fc.integer({ min: 0, max: 0xffffffff }),
  int32: fc.integer({ min: -0x80000000, max: 0x7fffffff }),
  float32: fc.float({ noNaN: true }),
  float64: fc.double({ noNaN: true }),
} as const;
const bigIntTypes = {
  uint64: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  int64: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
} as const;

const scalarValue: fc.Arbitrary<GgufValue> = fc.oneof(
  ...Object.entries(numberTypes).map(([type, values]) => values.map((value) => ({ type, value }) as GgufValue)),
  ...Object.entries(bigIntTypes).map(([type, values]) => values.map((value) => ({ type, value }) as GgufValue)),
  fc.boolean().map((value): GgufValue => ({ type: 'bool', value })),
  wellFormedText.map((value): GgufValue => ({ type: 'string', value })),
);

const arrayValue: fc.Arbitrary<GgufValue> = fc.oneof(
  fc
    .array(numberTypes.int32, { maxLength: 5 })
    .map((values): GgufValue => ({ type: 'array', itemType: 'int32', values })),
  fc
    .array(wellFormedText, { maxLength: 5 })
    .map((values): GgufValue => ({ type: 'array', itemType: 'string', values })),
  fc
    .array(numberTypes.float32, { maxLength: 5 })
    .map((values): GgufValue => ({ type: 'array', itemType: 'float32', values })),
  fc.array(fc.boolean(), { maxLength: 5 }).map((values): GgufValue => ({ type: 'array', itemType: 'bool', values })),
  fc
    .array(bigIntTypes.uint64, { maxLength: 5 })
    .map((values): GgufValue => ({ type: 'array', itemType: 'uint64', values })),
);

const metadata: fc.Arbitrary<GgufMetadataEntry[]> = fc.array(
  fc.record({
    key: wellFormedText.filter((key) => key !== 'general.alignment'),
    value: fc.oneof(scalarValue, arrayValue),
  }),
  { maxLength: 8 },
);

const tensor: fc.Arbitrary<GgufTensor> = fc
  .record({
    name: wellFormedText,
    dimensions: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    type: fc.constantFrom('f32' as const, 'f16' as const),
  })
  .chain((shape) => {
    const length = shape.dimensions.reduce((product, size) => product * size, 1);
    // Values a half can hold exactly, so F16 tensors read back equal too.
    const values = fc.array(fc.integer({ min: -2048, max: 2048 }), { minLength: length, maxLength: length });
    return values.map((data) => ({ ...shape, data: Float32Array.from(data, (value) => value / 4) }));
  });

describe('GGUF encoding properties', () => {
  it('decode(encode(contents)) gives the contents back', () => {
    fc.assert(
      fc.property(metadata, fc.array(tensor, { maxLength: 4 }), (entries, tensors) => {
        const decoded = decodeGguf(encodeGguf({ metadata: entries, tensors }));
        const float32 = (value: GgufValue): GgufValue =>
          value.type === 'float32'
            ? { ...value, value: Math.fround(value.value) }
            : value.type === 'array' && value.itemType === 'float32'
              ? { ...value, values: value.values.map(Math.fround) }
              : value;
        expect(decoded.metadata).toEqual(entries.map((entry) => ({ ...entry, value: float32(entry.value) })));
        expect(decoded.tensors.map(({ offset: _offset, ...rest }) => rest)).toEqual(tensors);
      }),
    );
  });

  it('aligns the data section and every tensor to 32 bytes', () => {
    fc.assert(
      fc.property(metadata, fc.array(tensor, { maxLength: 4 }), (entries, tensors) => {
        const bytes = encodeGguf({ metadata: entries, tensors });
        const decoded = decodeGguf(bytes);
        expect(bytes.length % 32).toBe(0);
        expect(decoded.dataOffset % 32).toBe(0);
        for (const info of decoded.tensors) expect(info.offset % 32).toBe(0);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(metadata, fc.array(tensor, { maxLength: 3 }), (entries, tensors) => {
        expect(encodeGguf({ metadata: entries, tensors })).toEqual(encodeGguf({ metadata: entries, tensors }));
      }),
    );
  });
});
