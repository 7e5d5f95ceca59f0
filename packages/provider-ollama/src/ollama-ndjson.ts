// A guard between the HTTP body and the `ollama` client's NDJSON reader. The client skips a line
// it cannot parse with a console warning, turns an `{ "error": … }` line into a plain Error, and
// cannot tell a cut connection from a finished answer by type. The guard hands the client only
// whole, parsed lines and ends the body with a typed failure instead, so that every way a stream
// goes wrong reaches ollama-error.ts as a fact.

/** The server sent a line that is not JSON. */
export class OllamaUnreadableLineError extends Error {
  constructor(readonly line: string) {
    super(`the server sent a line that is not JSON: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`);
    this.name = 'OllamaUnreadableLineError';
  }
}

/** The server reported an error inside a stream (`{ "error": "…" }` after a 200 status). */
export class OllamaStreamErrorLine extends Error {
  constructor(readonly serverMessage: string) {
    super(serverMessage);
    this.name = 'OllamaStreamErrorLine';
  }
}

/** The stream ended without its last line (`"done": true`, or `"status": "success"` for a pull). */
export class OllamaStreamCutError extends Error {
  constructor() {
    super('the stream ended before its last line (the connection was cut)');
    this.name = 'OllamaStreamCutError';
  }
}

/** What the guard reports to its owner. */
export interface BodyGuardHooks {
  /** A chunk arrived (re-arms the silence timeout). */
  onActivity(): void;
  /** The body is finished, failed or cancelled: nothing more will arrive. */
  onSettled(): void;
}

/** What a checked line is: a line to pass on (and whether it is the last), or a failure. */
export type CheckedLine = { line: string; isLast: boolean } | { failure: Error };

/** Checks one NDJSON line: it must be JSON, and an object with `error` is the server's failure. */
export function checkLine(line: string): CheckedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { failure: new OllamaUnreadableLineError(line) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { failure: new OllamaUnreadableLineError(line) };
  }
  const record = value as Record<string, unknown>;
  if ('error' in record) {
    const message = typeof record.error === 'string' ? record.error : JSON.stringify(record.error);
    return { failure: new OllamaStreamErrorLine(message) };
  }
  return { line, isLast: record.done === true || record.status === 'success' };
}

/**
 * Splits decoded text into complete lines, keeping the unfinished rest. Blank lines (and the `\r`
 * of `\r\n`) are dropped: the client would warn on them.
 */
export function splitLines(buffer: string): { lines: string[]; rest: string } {
  const parts = buffer.split('\n');
  const rest = parts.pop() ?? '';
  const lines = parts.map((part) => part.replace(/\r$/, '')).filter((part) => part.trim().length > 0);
  return { lines, rest };
}

/**
 * The body as the client should read it. With `lines`, an NDJSON body: only whole checked lines
 * pass, a bad or error line ends the body with a typed failure after the lines before it, and an
 * end without the last line is an {@link OllamaStreamCutError}. Without, the bytes pass unchanged.
 */
export function guardBody(
  source: ReadableStream<Uint8Array>,
  hooks: BodyGuardHooks,
  options: { lines: boolean },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let rest = '';
  let hasLastLine = false;
  let pendingFailure: Error | undefined;
  let isSettled = false;
  const settle = () => {
    if (!isSettled) {
      isSettled = true;
      hooks.onSettled();
    }
  };

  function fail(controller: ReadableStreamDefaultController<Uint8Array>, failure: unknown) {
    settle();
    controller.error(failure);
    reader.cancel(failure).catch(() => undefined);
  }

  /** Passes the checked lines on; returns how many were enqueued. */
  function enqueueLines(controller: ReadableStreamDefaultController<Uint8Array>, lines: readonly string[]): number {
    let enqueued = 0;
    for (const line of lines) {
      const checked = checkLine(line);
      if ('failure' in checked) {
        pendingFailure = checked.failure;
        break;
      }
      controller.enqueue(encoder.encode(`${checked.line}\n`));
      enqueued += 1;
      if (checked.isLast) {
        hasLastLine = true;
        // The client stops reading after the last line: the answer is complete here.
        settle();
      }
    }
    return enqueued;
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // The lines before a failure are delivered first; the failure ends the next read.
        if (pendingFailure !== undefined) return fail(controller, pendingFailure);
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (error) {
            return fail(controller, error);
          }
          if (chunk.done) {
            if (!options.lines) {
              settle();
              return controller.close();
            }
            const enqueued = enqueueLines(controller, splitLines(`${rest}${decoder.decode()}\n`).lines);
            rest = '';
            if (pendingFailure !== undefined) {
              if (enqueued === 0) return fail(controller, pendingFailure);
              return;
            }
            if (!hasLastLine) return fail(controller, new OllamaStreamCutError());
            settle();
            return controller.close();
          }
          if (!isSettled) hooks.onActivity();
          if (!options.lines) return controller.enqueue(chunk.value);
          const split = splitLines(rest + decoder.decode(chunk.value, { stream: true }));
          rest = split.rest;
          const enqueued = enqueueLines(controller, split.lines);
          if (pendingFailure !== undefined && enqueued === 0) return fail(controller, pendingFailure);
          if (enqueued > 0 || pendingFailure !== undefined) return;
        }
      },
      cancel(reason) {
        settle();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
