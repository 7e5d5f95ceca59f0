/** A deterministic source of 32-bit words; the same seed always gives the same sequence. */
export interface SeededRandom {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** The next number in [0, 1), with 32 bits of randomness. */
  nextUnit(): number;
  /** The next number in [-1, 1). */
  nextSigned(): number;
}

const GOLDEN_GAMMA = 0x9e3779b9;

/**
 * A SplitMix32 generator: a Weyl sequence (adding the golden-ratio constant) through an
 * avalanching mix. Small, fast, and good enough for weights that only need to be arbitrary and
 * reproducible; not for cryptography. `seed` is reduced to 32 bits (`seed >>> 0`).
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  function nextUint32(): number {
    state = (state + GOLDEN_GAMMA) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x21f0aaad);
    mixed = Math.imul(mixed ^ (mixed >>> 15), 0x735a2d97);
    return (mixed ^ (mixed >>> 15)) >>> 0;
  }
  const nextUnit = () => nextUint32() / 2 ** 32;
  return { nextUint32, nextUnit, nextSigned: () => nextUnit() * 2 - 1 };
}
