// The framing layer of RFC 6455 (WebSocket), as much of it as a loopback fake needs: text, binary,
// continuation, close, ping and pong frames; 7-, 16- and 64-bit lengths; client masking.
import { createHash } from 'node:crypto';

/** Frame opcodes (RFC 6455 §5.2). */
export const OPCODES = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** One decoded frame, its payload already unmasked. */
export interface WebSocketFrame {
  fin: boolean;
  opcode: number;
  /** Whether the sender masked the payload (clients must, servers must not). */
  masked: boolean;
  payload: Buffer;
}

/** What {@link decodeFrames} found in a buffer: whole frames, and the bytes of an incomplete one. */
export interface DecodedFrames {
  frames: WebSocketFrame[];
  rest: Buffer;
}

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The `Sec-WebSocket-Accept` answer to a client's `Sec-WebSocket-Key` (RFC 6455 §4.2.2). */
export function acceptKeyFor(clientKey: string): string {
  return createHash('sha1').update(`${clientKey}${ACCEPT_GUID}`).digest('base64');
}

function unmask(payload: Buffer, mask: Buffer): Buffer {
  const result = Buffer.allocUnsafe(payload.length);
  for (let index = 0; index < payload.length; index++) {
    result[index] = (payload[index] as number) ^ (mask[index % 4] as number);
  }
  return result;
}

/**
 * Splits `buffer` into whole frames. Bytes of a frame that has not fully arrived come back in
 * `rest`, to be prefixed to the next chunk read from the socket.
 */
export function decodeFrames(buffer: Buffer): DecodedFrames {
  const frames: WebSocketFrame[] = [];
  let offset = 0;
  while (buffer.length - offset >= 2) {
    const first = buffer[offset] as number;
    const second = buffer[offset + 1] as number;
    const masked = (second & 0x80) !== 0;
    let length = second & 0x7f;
    let cursor = offset + 2;
    if (length === 126) {
      if (buffer.length - cursor < 2) break;
      length = buffer.readUInt16BE(cursor);
      cursor += 2;
    } else if (length === 127) {
      if (buffer.length - cursor < 8) break;
      length = Number(buffer.readBigUInt64BE(cursor));
      cursor += 8;
    }
    const maskLength = masked ? 4 : 0;
    if (buffer.length - cursor < maskLength + length) break;
    const mask = buffer.subarray(cursor, cursor + maskLength);
    cursor += maskLength;
    const raw = buffer.subarray(cursor, cursor + length);
    frames.push({
      fin: (first & 0x80) !== 0,
      opcode: first & 0x0f,
      masked,
      payload: masked ? unmask(raw, mask) : Buffer.from(raw),
    });
    offset = cursor + length;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/**
 * Encodes one final frame. Servers send unmasked frames; pass `mask` (4 bytes) to encode as a
 * client does.
 */
export function encodeFrame(opcode: number, payload: Buffer, mask?: Buffer): Buffer {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (mask ? 4 : 0));
  header[0] = 0x80 | opcode;
  const maskBit = mask ? 0x80 : 0;
  if (lengthBytes === 0) header[1] = maskBit | length;
  else if (lengthBytes === 2) {
    header[1] = maskBit | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  mask.copy(header, 2 + lengthBytes);
  return Buffer.concat([header, unmask(payload, mask)]);
}

/** The payload of a close frame: a status code, then an optional UTF-8 reason (RFC 6455 §5.5.1). */
export function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}
