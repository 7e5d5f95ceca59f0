import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('ByteWriter', () => {
  it('writes every scalar little-endian', () => {
    const writer = new ByteWriter();
    writer.uint8(0xab);
    writer.int8(-2);
    writer.uint16(0x1234);
    writer.int16(-2);
    writer.uint32(0x12345678);
    writer.int32(-2);
    writer.float32(1);
    writer.float64(1);
    writer.uint64(0x0102030405060708n);
    writer.int64(-2n);
    expect(hex(writer.toBytes())).toBe(
      [
        'ab',
        'fe',
        '3412',
        'feff',
        '78563412',
        'feffffff',
        '0000803f',
        '000000000000f03f',
        '0807060504030201',
        'feffffffffffffff',
      ].join(''),
    );
    expect(writer.length).toBe(1 + 1 + 2 + 2 + 4 + 4 + 4 + 8 + 8 + 8);
  });

  it('writes strings as a uint64 UTF-8 byte length and the bytes', () => {
    const writer = new ByteWriter();
    writer.string('hé');
    expect(hex(writer.toBytes())).toBe('0300000000000000' + '68c3a9');
  });

  it('pads with zeros to the next multiple of the alignment, and not at all when aligned', () => {
    const writer = new ByteWriter();
    writer.padTo(32);
    expect(writer.length).toBe(0);
    writer.uint8(1);
    writer.padTo(32);
    expect(writer.length).toBe(32);
    writer.padTo(32);
    expect(writer.length).toBe(32);
    writer.bytes(new Uint8Array(31).fill(7));
    writer.padTo(32);
    expect(writer.length).toBe(64);
    expect([...writer.toBytes()].slice(1, 32).every((byte) => byte === 0)).toBe(true);
    expect(writer.toBytes()[63]).toBe(0);
  });

  it('grows past its first buffer without losing bytes', () => {
    const writer = new ByteWriter();
    for (let index = 0; index < 3000; index++) writer.uint16(index);
    writer.bytes(new Uint8Array(5000).fill(9));
    writer.float64(2);
    const bytes = writer.toBytes();
    expect(bytes.length).toBe(6000 + 5000 + 8);
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(2 * 2999, true)).toBe(2999);
    expect(bytes[6000 + 4999]).toBe(9);
    expect(view.getFloat64(11_000, true)).toBe(2);
  });

  it('returns a copy', () => {
    const writer = new ByteWriter();
    writer.uint8(1);
    const first = writer.toBytes();
    first[0] = 9;
    expect(writer.toBytes()[0]).toBe(1);
  });
});
