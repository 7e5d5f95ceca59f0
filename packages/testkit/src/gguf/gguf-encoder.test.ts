import { describe, expect, it } from 'vitest';
import { alignmentOf, encodeGguf, tensorByteLength } from './gguf-encoder';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('encodeGguf', () => {
  it('writes the header of an empty file: magic, version 3, no tensors, no keys, padded to 32', () => {
    expect(hex(encodeGguf({ metadata: [], tensors: [] }))).toBe(
      `47475546${'03000000'}${'0000000000000000'}${'0000000000000000'}${'00'.repeat(8)}`,
    );
  });

  it('writes key/values, tensor infos and aligned tensor data', () => {
    const bytes = encodeGguf({
      metadata: [{ key: 'a', value: { type: 'uint8', value: 7 } }],
      tensors: [{ name: 't', dimensions: [2], type: 'f16', data: new Float32Array([1, -2]) }],
    });
    const expected = [
      '47475546',
      '03000000',
      '0100000000000000', // one tensor
      '0100000000000000', // one key/value
      '0100000000000000',
      '61', // key "a"
      '00000000', // type uint8
      '07',
      '0100000000000000',
      '74', // tensor "t"
      '01000000', // one dimension
      '0200000000000000', // of 2
      '01000000', // F16
      '0000000000000000', // at offset 0
      '00'.repeat(25), // 24 + 14 + 33 = 71 bytes so far: padded to 96
      '003c00c0', // 1, -2 as halves
      '00'.repeat(28), // padded to 128
    ].join('');
    expect(hex(bytes)).toBe(expected);
  });

  it('writes every value type, arrays included', () => {
    const bytes = encodeGguf({
      metadata: [
        { key: 'b', value: { type: 'bool', value: true } },
        { key: 'f', value: { type: 'bool', value: false } },
        { key: 'i', value: { type: 'int64', value: -1n } },
        { key: 'u', value: { type: 'uint64', value: 1n } },
        { key: 's', value: { type: 'array', itemType: 'string', values: ['x', 'yz'] } },
        { key: 'n', value: { type: 'array', itemType: 'int32', values: [-1] } },
      ],
      tensors: [],
    });
    const body = hex(bytes).slice(48);
    expect(body).toContain(`${'0100000000000000'}62${'07000000'}01`);
    expect(body).toContain(`${'0100000000000000'}66${'07000000'}00`);
    expect(body).toContain(`69${'0b000000'}${'ff'.repeat(8)}`);
    expect(body).toContain(`75${'0a000000'}${'0100000000000000'}`);
    expect(body).toContain(
      `73${'09000000'}${'08000000'}${'0200000000000000'}${'0100000000000000'}78${'0200000000000000'}797a`,
    );
    expect(body).toContain(`6e${'09000000'}${'05000000'}${'0100000000000000'}ffffffff`);
  });

  it('starts each tensor at a multiple of the alignment, as the tensor infos say', () => {
    const bytes = encodeGguf({
      metadata: [{ key: 'general.alignment', value: { type: 'uint32', value: 64 } }],
      tensors: [
        { name: 'a', dimensions: [3], type: 'f32', data: new Float32Array([1, 2, 3]) },
        { name: 'b', dimensions: [1], type: 'f32', data: new Float32Array([4]) },
      ],
    });
    expect(bytes.length % 64).toBe(0);
    const view = new DataView(bytes.buffer);
    const dataStart = bytes.length - 128;
    expect(view.getFloat32(dataStart + 8, true)).toBe(3);
    expect(view.getFloat32(dataStart + 64, true)).toBe(4);
  });

  it('refuses tensors whose data does not match their dimensions', () => {
    const tensor = { name: 'w', type: 'f32' as const, data: new Float32Array(6) };
    expect(() => encodeGguf({ metadata: [], tensors: [{ ...tensor, dimensions: [2, 2] }] })).toThrow(
      'tensor w: 6 values for dimensions [2, 2] (4 expected)',
    );
    expect(() => encodeGguf({ metadata: [], tensors: [{ ...tensor, dimensions: [] }] })).toThrow(
      'tensor w: dimensions must be positive integers',
    );
    expect(() => encodeGguf({ metadata: [], tensors: [{ ...tensor, dimensions: [6, 0] }] })).toThrow(
      'dimensions must be positive integers',
    );
    expect(() => encodeGguf({ metadata: [], tensors: [{ ...tensor, dimensions: [1.5, 4] }] })).toThrow(
      'dimensions must be positive integers',
    );
    // 24 header + 41 tensor info → 96; 24 data bytes → 128.
    expect(encodeGguf({ metadata: [], tensors: [{ ...tensor, dimensions: [3, 2] }] }).length).toBe(128);
  });
});

describe('alignmentOf', () => {
  it('is 32 by default and general.alignment when set', () => {
    expect(alignmentOf([])).toBe(32);
    expect(alignmentOf([{ key: 'general.alignment', value: { type: 'uint32', value: 8 } }])).toBe(8);
  });

  it.each([
    [{ type: 'uint32' as const, value: 0 }],
    [{ type: 'uint32' as const, value: 12 }],
    [{ type: 'uint64' as const, value: 32n }],
  ])('refuses %o', (value) => {
    expect(() => alignmentOf([{ key: 'general.alignment', value }])).toThrow(
      'general.alignment must be a uint32 multiple of 8',
    );
  });
});

describe('tensorByteLength', () => {
  it('is 4 bytes per F32 value and 2 per F16 value', () => {
    expect(tensorByteLength({ dimensions: [64, 3], type: 'f32' })).toBe(768);
    expect(tensorByteLength({ dimensions: [64, 3], type: 'f16' })).toBe(384);
    expect(tensorByteLength({ dimensions: [1], type: 'f16' })).toBe(2);
  });
});
