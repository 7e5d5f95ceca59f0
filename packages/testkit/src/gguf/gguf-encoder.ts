import { ByteWriter } from './byte-writer';
import { float32ToFloat16Bits } from './float16';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_TENSOR_TYPES,
  GGUF_VALUE_TYPES,
  type GgufMetadataEntry,
  type GgufScalarType,
  type GgufTensor,
  type GgufTensorType,
  type GgufValue,
} from './gguf-types';

/** What {@link encodeGguf} writes. */
export interface GgufContents {
  /** Key/value pairs, written in this order. A `general.alignment` entry (uint32) sets the alignment. */
  metadata: readonly GgufMetadataEntry[];
  /** Tensors, written in this order. */
  tensors: readonly GgufTensor[];
}

/** The GGUF version this writer produces. */
export const GGUF_VERSION = 3;

const BYTES_PER_ELEMENT: Record<GgufTensorType, number> = { f32: 4, f16: 2 };

function writeScalar(writer: ByteWriter, type: GgufScalarType, value: number | bigint | boolean | string): void {
  if (type === 'bool') writer.uint8(value ? 1 : 0);
  else if (type === 'string') writer.string(value as string);
  else if (type === 'uint64') writer.uint64(value as bigint);
  else if (type === 'int64') writer.int64(value as bigint);
  else writer[type](value as number);
}

function writeValue(writer: ByteWriter, value: GgufValue): void {
  writer.uint32(GGUF_VALUE_TYPES[value.type]);
  if (value.type !== 'array') {
    writeScalar(writer, value.type, value.value);
    return;
  }
  writer.uint32(GGUF_VALUE_TYPES[value.itemType]);
  writer.uint64(BigInt(value.values.length));
  for (const item of value.values) writeScalar(writer, value.itemType, item);
}

/** The alignment the metadata asks for (`general.alignment`), else GGUF's default of 32 bytes. */
export function alignmentOf(metadata: readonly GgufMetadataEntry[]): number {
  const entry = metadata.find((candidate) => candidate.key === 'general.alignment');
  if (entry === undefined) return GGUF_DEFAULT_ALIGNMENT;
  const { value } = entry;
  if (value.type !== 'uint32' || value.value <= 0 || value.value % 8 !== 0)
    throw new RangeError('general.alignment must be a uint32 multiple of 8');
  return value.value;
}

/** Bytes a tensor's data takes in the file (before alignment padding). */
export function tensorByteLength(tensor: Pick<GgufTensor, 'dimensions' | 'type'>): number {
  return tensor.dimensions.reduce((product, size) => product * size, 1) * BYTES_PER_ELEMENT[tensor.type];
}

function checkTensor(tensor: GgufTensor): void {
  const elements = tensor.dimensions.reduce((product, size) => product * size, 1);
  if (tensor.dimensions.length === 0 || tensor.dimensions.some((size) => !Number.isInteger(size) || size < 1))
    throw new RangeError(`tensor ${tensor.name}: dimensions must be positive integers`);
  if (elements !== tensor.data.length)
    throw new RangeError(
      `tensor ${tensor.name}: ${tensor.data.length} values for dimensions [${tensor.dimensions.join(', ')}] (${elements} expected)`,
    );
}

function writeTensorData(writer: ByteWriter, tensor: GgufTensor): void {
  if (tensor.type === 'f32') {
    for (const value of tensor.data) writer.float32(value);
  } else {
    for (const value of tensor.data) writer.uint16(float32ToFloat16Bits(value));
  }
}

/**
 * Encodes a GGUF v3 file: the `GGUF` magic, version, tensor and key/value counts, the key/values,
 * the tensor infos (name, dimensions, type, offset into the data section), padding to the
 * alignment, then each tensor's data at an aligned offset. Little-endian throughout, as llama.cpp
 * reads it. The same contents always give the same bytes.
 */
export function encodeGguf(contents: GgufContents): Uint8Array {
  const alignment = alignmentOf(contents.metadata);
  for (const tensor of contents.tensors) checkTensor(tensor);
  const writer = new ByteWriter();
  writer.bytes(new TextEncoder().encode(GGUF_MAGIC));
  writer.uint32(GGUF_VERSION);
  writer.uint64(BigInt(contents.tensors.length));
  writer.uint64(BigInt(contents.metadata.length));
  for (const entry of contents.metadata) {
    writer.string(entry.key);
    writeValue(writer, entry.value);
  }
  let offset = 0;
  for (const tensor of contents.tensors) {
    writer.string(tensor.name);
    writer.uint32(tensor.dimensions.length);
    for (const size of tensor.dimensions) writer.uint64(BigInt(size));
    writer.uint32(GGUF_TENSOR_TYPES[tensor.type]);
    writer.uint64(BigInt(offset));
    offset += Math.ceil(tensorByteLength(tensor) / alignment) * alignment;
  }
  writer.padTo(alignment);
  for (const tensor of contents.tensors) {
    writeTensorData(writer, tensor);
    writer.padTo(alignment);
  }
  return writer.toBytes();
}
