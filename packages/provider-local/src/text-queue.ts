/**
 * Pieces of text handed from llama.cpp's callbacks to an async iterator: `push` never blocks
 * (generation does not wait for the consumer), `next` waits for the next piece or the end.
 */
export class TextQueue {
  readonly #pieces: string[] = [];
  #wake: (() => void) | undefined;
  #isEnded = false;

  /** Adds a piece (ignored after {@link end}). */
  push(text: string): void {
    if (this.#isEnded) return;
    this.#pieces.push(text);
    this.#wakeUp();
  }

  /** No more pieces will come. */
  end(): void {
    this.#isEnded = true;
    this.#wakeUp();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** The next piece, or `undefined` once the queue has ended and every piece was taken. */
  async next(): Promise<string | undefined> {
    while (this.#pieces.length === 0 && !this.#isEnded) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    return this.#pieces.shift();
  }
}
