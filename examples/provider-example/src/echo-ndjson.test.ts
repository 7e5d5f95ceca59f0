import { describe, expect, test } from 'vitest';
import { readNdjsonLines } from './echo-ndjson';

// A body that hands out one chunk per read, as a socket does, and closes after the last.
function bodyOf(chunks: readonly (string | Uint8Array)[], onCancel: () => void = () => undefined) {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next];
        next += 1;
        if (chunk === undefined) controller.close();
        else controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      },
      cancel: onCancel,
    },
    { highWaterMark: 0 },
  );
}

async function linesOf(chunks: readonly (string | Uint8Array)[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readNdjsonLines(bodyOf(chunks))) lines.push(line);
  return lines;
}

describe('readNdjsonLines', () => {
  test('one line per document, whatever the chunking', async () => {
    expect(await linesOf(['{"a":1}\n{"b":', '2}\n', '{"c":3}\n'])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(await linesOf(['{"a":1}\n{"b":2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('blank lines and CRLF endings are skipped and trimmed', async () => {
    expect(await linesOf(['\n{"a":1}\r\n\r\n', '  \n{"b":2}\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('a last line without a newline is still yielded; a blank rest is not', async () => {
    expect(await linesOf(['{"a":1}\n{"b":2}'])).toEqual(['{"a":1}', '{"b":2}']);
    expect(await linesOf(['{"a":1}\n   '])).toEqual(['{"a":1}']);
    expect(await linesOf([])).toEqual([]);
  });

  test('a character split across chunks is decoded whole', async () => {
    const bytes = new TextEncoder().encode('{"t":"é€"}\n');
    expect(await linesOf([bytes.slice(0, 8), bytes.slice(8)])).toEqual(['{"t":"é€"}']);
  });

  test('leaving the loop early cancels the body (which closes the connection)', async () => {
    let cancelled = 0;
    const lines = readNdjsonLines(bodyOf(['{"a":1}\n', '{"b":2}\n'], () => (cancelled += 1)));
    for await (const line of lines) {
      expect(line).toBe('{"a":1}');
      break;
    }
    expect(cancelled).toBe(1);
  });

  test('reading to the end does not cancel', async () => {
    let cancelled = 0;
    for await (const _line of readNdjsonLines(bodyOf(['{"a":1}\n'], () => (cancelled += 1))));
    expect(cancelled).toBe(0);
  });

  test('a read error propagates', async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    await expect(async () => {
      for await (const _line of readNdjsonLines(body));
    }).rejects.toThrow('terminated');
  });
});
