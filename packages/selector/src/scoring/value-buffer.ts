// One spare buffer for the per-model values of a ranking. A new 10,000-model buffer per call is
// over half a megabyte of external memory, which makes V8 run full garbage collections; reusing
// it keeps ranking linear. A call that finds the spare in use (a nested ranking) allocates its own.

let spare: Float64Array | null = null;

/** A zero-filled-or-reused buffer of at least `length` values; give it back with {@link releaseValueBuffer}. */
export function acquireValueBuffer(length: number): Float64Array {
  const buffer = spare;
  if (buffer !== null && buffer.length >= length) {
    spare = null;
    return buffer;
  }
  return new Float64Array(length);
}

/** Keeps `buffer` for the next call (the larger of it and the current spare). */
export function releaseValueBuffer(buffer: Float64Array): void {
  if (spare === null || buffer.length > spare.length) spare = buffer;
}
