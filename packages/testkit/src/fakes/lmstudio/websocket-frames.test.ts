import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { acceptKeyFor, closePayload, decodeFrames, encodeFrame, OPCODES } from './websocket-frames';

describe('acceptKeyFor', () => {
  test('answers the key of RFC 6455 §1.3 with the value the RFC gives', () => {
    expect(acceptKeyFor('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('encodeFrame', () => {
  test('an unmasked "Hello" is the bytes of RFC 6455 §5.7', () => {
    expect([...encodeFrame(OPCODES.text, Buffer.from('Hello'))]).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
  });

  test('a masked "Hello" is the bytes of RFC 6455 §5.7', () => {
    const frame = encodeFrame(OPCODES.text, Buffer.from('Hello'), Buffer.from([0x37, 0xfa, 0x21, 0x3d]));
    expect([...frame]).toEqual([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]);
  });

  test('256 bytes take a 16-bit length, 65,536 bytes a 64-bit one', () => {
    expect([...encodeFrame(OPCODES.binary, Buffer.alloc(256)).subarray(0, 4)]).toEqual([0x82, 0x7e, 0x01, 0x00]);
    expect([...encodeFrame(OPCODES.binary, Buffer.alloc(65_536)).subarray(0, 10)]).toEqual([
      0x82, 0x7f, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00,
    ]);
  });

  test('125 bytes still fit the 7-bit length', () => {
    expect([...encodeFrame(OPCODES.text, Buffer.alloc(125)).subarray(0, 2)]).toEqual([0x81, 125]);
  });
});

describe('decodeFrames', () => {
  test('reads the masked "Hello" of the RFC back, unmasked', () => {
    const bytes = Buffer.from([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]);
    const { frames, rest } = decodeFrames(bytes);
    expect(frames).toEqual([{ fin: true, opcode: OPCODES.text, masked: true, payload: Buffer.from('Hello') }]);
    expect(rest.length).toBe(0);
  });

  test('keeps an incomplete frame in rest, and a fragment without FIN as such', () => {
    const fragment = Buffer.from([0x01, 0x03, 0x48, 0x65, 0x6c]);
    const partial = encodeFrame(OPCODES.text, Buffer.from('Hello')).subarray(0, 4);
    const { frames, rest } = decodeFrames(Buffer.concat([fragment, partial]));
    expect(frames).toEqual([{ fin: false, opcode: OPCODES.text, masked: false, payload: Buffer.from('Hel') }]);
    expect([...rest]).toEqual([0x81, 0x05, 0x48, 0x65]);
  });

  test('waits for the extended length bytes before reading a length', () => {
    expect(decodeFrames(Buffer.from([0x82, 0x7e, 0x01])).frames).toEqual([]);
    expect(decodeFrames(Buffer.from([0x82, 0x7f, 0, 0, 0])).frames).toEqual([]);
  });

  test('property: decoding what was encoded (masked or not, any size) gives the payload back', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 70_000 }),
        fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
        fc.constantFrom(OPCODES.text, OPCODES.binary, OPCODES.ping),
        (payload, mask, opcode) => {
          const encoded = encodeFrame(opcode, Buffer.from(payload), mask ? Buffer.from(mask) : undefined);
          const { frames, rest } = decodeFrames(encoded);
          expect(rest.length).toBe(0);
          expect(frames).toHaveLength(1);
          expect(frames[0]?.opcode).toBe(opcode);
          expect(frames[0]?.masked).toBe(mask !== undefined);
          expect(frames[0]?.payload.equals(Buffer.from(payload))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('closePayload', () => {
  test('is the status code in network order, then the reason', () => {
    expect([...closePayload(1000, 'bye')]).toEqual([0x03, 0xe8, 0x62, 0x79, 0x65]);
  });
});
