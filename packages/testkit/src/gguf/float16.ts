const FLOAT32_VIEW = new DataView(new ArrayBuffer(4));

/**
 * The IEEE 754 half-precision bits of `value` (rounded to float32 first, then to the nearest
 * half, ties to even), as GGUF stores F16 tensors. Overflow gives ±Infinity; NaN gives the quiet
 * NaN 0x7e00. (Written by hand because `Math.f16round`/`Float16Array` need Node 24.)
 */
export function float32ToFloat16Bits(value: number): number {
  FLOAT32_VIEW.setFloat32(0, value);
  const bits = FLOAT32_VIEW.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | (mantissa === 0 ? 0x7c00 : 0x7e00);
  // Re-bias the exponent from float32 (127) to float16 (15).
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit leading 1, into place.
    if (halfExponent < -10) return sign;
    const fullMantissa = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    return sign | roundShift(fullMantissa, shift);
  }
  // Normal half: a carry out of the mantissa correctly bumps the exponent (up to Infinity).
  return sign | ((halfExponent << 10) + roundShift(mantissa, 13));
}

/** `value >> shift`, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const truncated = value >>> shift;
  const remainder = value - truncated * 2 ** shift;
  const half = 2 ** (shift - 1);
  if (remainder > half || (remainder === half && (truncated & 1) === 1)) return truncated + 1;
  return truncated;
}

/** The number that half-precision `bits` encode (the inverse of {@link float32ToFloat16Bits}). */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
