/**
 * Effective bits per weight of the common quantizations, scales and minimums included (figures
 * llama.cpp reports for its formats; MLX stores an fp16 scale and bias per group of 64 weights).
 */
const BITS_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries({
    F32: 32,
    FP32: 32,
    F16: 16,
    FP16: 16,
    BF16: 16,
    Q8_0: 8.5,
    Q6_K: 6.5625,
    Q5_K_M: 5.69,
    Q5_K_S: 5.54,
    Q4_K_M: 4.89,
    Q4_K_S: 4.58,
    Q3_K_L: 4.27,
    Q3_K_M: 3.91,
    Q3_K_S: 3.5,
    Q2_K: 3.35,
  }),
);

/** `Q5_0`, `IQ4_XS`, `Q4_1`: the digit is the bits of a weight before its block's scales. */
const LLAMA_CPP_PATTERN = /^I?Q(\d)(?:_|$)/;
/** `4bit`, `8-bit`, `3 bits` (MLX, bitsandbytes). */
const BITS_PATTERN = /^(\d+)[\s_-]?BITS?$/;

/**
 * Bits a quantization stores per weight, on average, or `null` for a name it does not know.
 * Unlisted llama.cpp names (`Q5_0`, `IQ4_XS`) and `<n>bit` names count n + 0.5 bits, the cost of
 * one fp16 scale per 32 weights.
 *
 * @param quantization the name as the weights format reports it, any case (`Q4_K_M`, `4bit`).
 */
export function bitsPerWeight(quantization: string): number | null {
  const name = quantization.trim().toUpperCase();
  const known = BITS_BY_NAME.get(name);
  if (known !== undefined) return known;
  const digits = LLAMA_CPP_PATTERN.exec(name)?.[1] ?? BITS_PATTERN.exec(name)?.[1];
  return digits === undefined ? null : Number(digits) + 0.5;
}
