import { describe, expect, it } from 'vitest';
import { decodeGguf } from './gguf-decoder';
import { encodeGguf } from './gguf-encoder';

const header = (tensorCount: number, keyCount: number) => {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('GGUF'));
  view.setUint32(4, 3, true);
  view.setBigUint64(8, BigInt(tensorCount), true);
  view.setBigUint64(16, BigInt(keyCount), true);
  return bytes;
};

const concat = (...parts: Uint8Array[]) => {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
};

const uint32 = (value: number) => new Uint8Array(new Uint32Array([value]).buffer);
const uint64 = (value: number) => new Uint8Array(new BigUint64Array([BigInt(value)]).buffer);
const text = (value: string) => concat(uint64(value.length), new TextEncoder().encode(value));

describe('decodeGguf', () => {
  it('reads back what the encoder wrote: version, typed key/values, tensors and the data offset', () => {
    const decoded = decodeGguf(
      encodeGguf({
        metadata: [
          { key: 'general.architecture', value: { type: 'string', value: 'llama' } },
          { key: 'x', value: { type: 'float32', value: 0.5 } },
          { key: 'y', value: { type: 'array', itemType: 'bool', values: [true, false] } },
        ],
        tensors: [
          { name: 'w', dimensions: [2, 1], type: 'f16', data: new Float32Array([1, -0.5]) },
          { name: 'v', dimensions: [1], type: 'f32', data: new Float32Array([3.25]) },
        ],
      }),
    );
    expect(decoded.version).toBe(3);
    expect(decoded.metadata).toEqual([
      { key: 'general.architecture', value: { type: 'string', value: 'llama' } },
      { key: 'x', value: { type: 'float32', value: 0.5 } },
      { key: 'y', value: { type: 'array', itemType: 'bool', values: [true, false] } },
    ]);
    expect(decoded.tensors.map(({ name, dimensions, type, offset }) => ({ name, dimensions, type, offset }))).toEqual([
      { name: 'w', dimensions: [2, 1], type: 'f16', offset: 0 },
      { name: 'v', dimensions: [1], type: 'f32', offset: 32 },
    ]);
    expect([...(decoded.tensors[0]?.data ?? [])]).toEqual([1, -0.5]);
    expect([...(decoded.tensors[1]?.data ?? [])]).toEqual([3.25]);
    expect(decoded.dataOffset % 32).toBe(0);
  });

  it('refuses a file that does not start with GGUF', () => {
    expect(() => decodeGguf(new TextEncoder().encode('GGML and more bytes'))).toThrow('not a GGUF file (magic "GGML")');
  });

  it('refuses a truncated header or key/value', () => {
    expect(() => decodeGguf(header(0, 0).subarray(0, 20))).toThrow('GGUF truncated: 8 bytes needed at offset 16');
    expect(() => decodeGguf(concat(header(0, 1), text('key'), uint32(4)))).toThrow('GGUF truncated');
  });

  it('refuses unknown value types and nested arrays', () => {
    expect(() => decodeGguf(concat(header(0, 1), text('k'), uint32(13)))).toThrow('unknown GGUF value type 13');
    expect(() => decodeGguf(concat(header(0, 1), text('k'), uint32(9), uint32(9), uint64(0)))).toThrow(
      'nested GGUF arrays are not supported',
    );
  });

  it('refuses tensor types other than F32 and F16', () => {
    const info = concat(text('q'), uint32(1), uint64(32), uint32(2), uint64(0));
    expect(() => decodeGguf(concat(header(1, 0), info))).toThrow('tensor q: unsupported GGML type 2');
  });

  it('refuses tensors that end past the end of the file', () => {
    const info = concat(text('t'), uint32(1), uint64(4), uint32(0), uint64(0));
    const file = concat(header(1, 0), info, new Uint8Array(64 - 24 - info.length), new Uint8Array(8));
    expect(() => decodeGguf(file)).toThrow('GGUF truncated: tensor t ends past the end of the file');
    const whole = concat(header(1, 0), info, new Uint8Array(64 - 24 - info.length), new Uint8Array(16));
    expect(decodeGguf(whole).tensors[0]?.data).toEqual(new Float32Array(4));
  });

  it('reads every scalar type', () => {
    const decoded = decodeGguf(
      encodeGguf({
        metadata: [
          { key: 'u8', value: { type: 'uint8', value: 255 } },
          { key: 'i8', value: { type: 'int8', value: -128 } },
          { key: 'u16', value: { type: 'uint16', value: 65535 } },
          { key: 'i16', value: { type: 'int16', value: -32768 } },
          { key: 'u32', value: { type: 'uint32', value: 4294967295 } },
          { key: 'i32', value: { type: 'int32', value: -2147483648 } },
          { key: 'f64', value: { type: 'float64', value: 0.1 } },
          { key: 'u64', value: { type: 'uint64', value: 2n ** 64n - 1n } },
          { key: 'i64', value: { type: 'int64', value: -(2n ** 63n) } },
        ],
        tensors: [],
      }),
    );
    expect(decoded.metadata.map((entry) => (entry.value as { value: unknown }).value)).toEqual([
      255,
      -128,
      65535,
      -32768,
      4294967295,
      -2147483648,
      0.1,
      2n ** 64n - 1n,
      -(2n ** 63n),
    ]);
  });
});
