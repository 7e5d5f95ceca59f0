const TEXT_ENCODER = new TextEncoder();

/** An append-only little-endian byte buffer that grows as needed. */
export class ByteWriter {
  #bytes = new Uint8Array(1024);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  // Callers must reserve before touching #bytes/#view: reserving may replace both.
  #reserve(size: number): number {
    const offset = this.#length;
    const needed = offset + size;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, offset));
      this.#bytes = grown;
      this.#view = new DataView(grown.buffer);
    }
    this.#length = needed;
    return offset;
  }

  uint8(value: number): void {
    const offset = this.#reserve(1);
    this.#view.setUint8(offset, value);
  }
  int8(value: number): void {
    const offset = this.#reserve(1);
    this.#view.setInt8(offset, value);
  }
  uint16(value: number): void {
    const offset = this.#reserve(2);
    this.#view.setUint16(offset, value, true);
  }
  int16(value: number): void {
    const offset = this.#reserve(2);
    this.#view.setInt16(offset, value, true);
  }
  uint32(value: number): void {
    const offset = this.#reserve(4);
    this.#view.setUint32(offset, value, true);
  }
  int32(value: number): void {
    const offset = this.#reserve(4);
    this.#view.setInt32(offset, value, true);
  }
  float32(value: number): void {
    const offset = this.#reserve(4);
    this.#view.setFloat32(offset, value, true);
  }
  float64(value: number): void {
    const offset = this.#reserve(8);
    this.#view.setFloat64(offset, value, true);
  }
  uint64(value: bigint): void {
    const offset = this.#reserve(8);
    this.#view.setBigUint64(offset, value, true);
  }
  int64(value: bigint): void {
    const offset = this.#reserve(8);
    this.#view.setBigInt64(offset, value, true);
  }

  /** Raw bytes, as they are. */
  bytes(value: Uint8Array): void {
    const offset = this.#reserve(value.length);
    this.#bytes.set(value, offset);
  }

  /** A GGUF string: its UTF-8 byte length as uint64, then the bytes (no terminator). */
  string(value: string): void {
    const encoded = TEXT_ENCODER.encode(value);
    this.uint64(BigInt(encoded.length));
    this.bytes(encoded);
  }

  /** Zero bytes up to the next multiple of `alignment`. */
  padTo(alignment: number): void {
    const padding = (alignment - (this.#length % alignment)) % alignment;
    this.#reserve(padding);
  }

  /** A copy of everything written. */
  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}
