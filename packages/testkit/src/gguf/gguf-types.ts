/** GGUF metadata value types, by their number in the file format. */
export const GGUF_VALUE_TYPES = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

/** The name of a GGUF value type that holds one number. */
export type GgufNumberType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** The name of a GGUF value type that holds one 64-bit integer (a bigint here). */
export type GgufBigIntType = 'uint64' | 'int64';

/** The name of any GGUF value type but `array`. */
export type GgufScalarType = GgufNumberType | GgufBigIntType | 'bool' | 'string';

/** One metadata value with its type: GGUF keeps the type in the file, so it is kept here too. */
export type GgufValue =
  | { type: GgufNumberType; value: number }
  | { type: GgufBigIntType; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufNumberType; values: readonly number[] }
  | { type: 'array'; itemType: GgufBigIntType; values: readonly bigint[] }
  | { type: 'array'; itemType: 'bool'; values: readonly boolean[] }
  | { type: 'array'; itemType: 'string'; values: readonly string[] };

/** One key/value pair of a GGUF file's metadata. */
export interface GgufMetadataEntry {
  /** Dotted key, e.g. `general.architecture`, `llama.block_count`. */
  key: string;
  value: GgufValue;
}

/** The tensor element types this writer stores: 32-bit and 16-bit floats (GGML types 0 and 1). */
export const GGUF_TENSOR_TYPES = { f32: 0, f16: 1 } as const;

/** The name of a tensor element type; see {@link GGUF_TENSOR_TYPES}. */
export type GgufTensorType = keyof typeof GGUF_TENSOR_TYPES;

/** One tensor to write. */
export interface GgufTensor {
  /** Tensor name as llama.cpp expects it, e.g. `blk.0.attn_q.weight`. */
  name: string;
  /** Sizes in GGML order: the fastest-varying dimension first (`[columns, rows]` of a matrix). */
  dimensions: readonly number[];
  /** Element type in the file. */
  type: GgufTensorType;
  /** The values, fastest-varying dimension first; as many as the product of `dimensions`. */
  data: Float32Array;
}

/** The alignment GGUF uses when `general.alignment` is absent, in bytes. */
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** The first four bytes of every GGUF file: `GGUF`. */
export const GGUF_MAGIC = 'GGUF';
