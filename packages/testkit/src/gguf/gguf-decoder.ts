import { float16BitsToNumber } from './float16';
import { alignmentOf, tensorByteLength } from './gguf-encoder';
import {
  GGUF_MAGIC,
  GGUF_TENSOR_TYPES,
  GGUF_VALUE_TYPES,
  type GgufMetadataEntry,
  type GgufScalarType,
  type GgufTensor,
  type GgufTensorType,
  type GgufValue,
} from './gguf-types';

/** A GGUF file read back by {@link decodeGguf}. */
export interface DecodedGguf {
  version: number;
  metadata: GgufMetadataEntry[];
  tensors: (GgufTensor & { offset: number })[];
  /** Where the tensor data section starts, in bytes from the start of the file. */
  dataOffset: number;
}

const TEXT_DECODER = new TextDecoder('utf-8', { fatal: true });
const VALUE_TYPE_NAMES = Object.fromEntries(Object.entries(GGUF_VALUE_TYPES).map(([name, id]) => [id, name])) as Record<
  number,
  GgufScalarType | 'array' | undefined
>;
const TENSOR_TYPE_NAMES = Object.fromEntries(
  Object.entries(GGUF_TENSOR_TYPES).map(([name, id]) => [id, name]),
) as Record<number, GgufTensorType | undefined>;
const SCALAR_SIZES: Record<string, number> = { uint8: 1, int8: 1, bool: 1, uint16: 2, int16: 2, float64: 8 };

class ByteReader {
  offset = 0;
  readonly #view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #take(size: number): number {
    if (this.offset + size > this.bytes.length)
      throw new RangeError(`GGUF truncated: ${size} bytes needed at offset ${this.offset}`);
    const start = this.offset;
    this.offset += size;
    return start;
  }
  scalar(type: GgufScalarType): number | bigint | boolean | string {
    switch (type) {
      case 'string': {
        const length = Number(this.scalar('uint64'));
        return TEXT_DECODER.decode(this.bytes.subarray(this.#take(length), this.offset));
      }
      case 'bool':
        return this.#view.getUint8(this.#take(1)) !== 0;
      case 'uint64':
        return this.#view.getBigUint64(this.#take(8), true);
      case 'int64':
        return this.#view.getBigInt64(this.#take(8), true);
      default: {
        const size = SCALAR_SIZES[type] ?? 4;
        const getter = `get${type[0]?.toUpperCase()}${type.slice(1)}` as 'getUint32';
        return this.#view[getter](this.#take(size), true);
      }
    }
  }
  uint32(): number {
    return this.scalar('uint32') as number;
  }
  count(): number {
    return Number(this.scalar('uint64'));
  }
}

function valueTypeName(id: number): GgufScalarType | 'array' {
  const name = VALUE_TYPE_NAMES[id];
  if (name === undefined) throw new RangeError(`unknown GGUF value type ${id}`);
  return name;
}

function readValue(reader: ByteReader): GgufValue {
  const type = valueTypeName(reader.uint32());
  if (type !== 'array') return { type, value: reader.scalar(type) } as GgufValue;
  const itemType = valueTypeName(reader.uint32());
  if (itemType === 'array') throw new RangeError('nested GGUF arrays are not supported');
  const length = reader.count();
  const values = Array.from({ length }, () => reader.scalar(itemType));
  return { type, itemType, values } as GgufValue;
}

function readTensorData(bytes: Uint8Array, offset: number, type: GgufTensorType, length: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, tensorByteLength({ dimensions: [length], type }));
  return Float32Array.from({ length }, (_, index) =>
    type === 'f32' ? view.getFloat32(index * 4, true) : float16BitsToNumber(view.getUint16(index * 2, true)),
  );
}

/**
 * Reads a GGUF file written by {@link encodeGguf} (v2 or v3, F32/F16 tensors): the key/values
 * with their types, and each tensor with its values. Throws a RangeError on a wrong magic, an
 * unknown type, or a truncated file.
 */
export function decodeGguf(bytes: Uint8Array): DecodedGguf {
  const reader = new ByteReader(bytes);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== GGUF_MAGIC) throw new RangeError(`not a GGUF file (magic ${JSON.stringify(magic)})`);
  reader.offset = 4;
  const version = reader.uint32();
  const tensorCount = reader.count();
  const metadataCount = reader.count();
  const metadata: GgufMetadataEntry[] = [];
  for (let index = 0; index < metadataCount; index++) {
    const key = reader.scalar('string') as string;
    metadata.push({ key, value: readValue(reader) });
  }
  const infos = Array.from({ length: tensorCount }, () => {
    const name = reader.scalar('string') as string;
    const dimensions = Array.from({ length: reader.uint32() }, () => reader.count());
    const typeId = reader.uint32();
    const type = TENSOR_TYPE_NAMES[typeId];
    if (type === undefined) throw new RangeError(`tensor ${name}: unsupported GGML type ${typeId}`);
    return { name, dimensions, type, offset: reader.count() };
  });
  const alignment = alignmentOf(metadata);
  const dataOffset = Math.ceil(reader.offset / alignment) * alignment;
  const tensors = infos.map((info) => {
    const start = dataOffset + info.offset;
    const length = info.dimensions.reduce((product, size) => product * size, 1);
    if (start + tensorByteLength(info) > bytes.length)
      throw new RangeError(`GGUF truncated: tensor ${info.name} ends past the end of the file`);
    return { ...info, data: readTensorData(bytes, start, info.type, length) };
  });
  return { version, metadata, tensors, dataOffset };
}
