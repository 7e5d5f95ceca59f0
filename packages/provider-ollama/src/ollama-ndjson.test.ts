import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLine,
  guardBody,
  OllamaStreamCutError,
  OllamaStreamErrorLine,
  OllamaUnreadableLineError,
  splitLines,
} from './ollama-ndjson';

const encoder = new TextEncoder();

function sourceOf(chunks: readonly (string | Uint8Array)[], failure?: Error): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index];
      index += 1;
      if (chunk !== undefined) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      else if (failure) controller.error(failure);
      else controller.close();
    },
  });
}

/** Reads the guarded body as the client does: text, then what it failed with. */
async function readGuarded(chunks: readonly (string | Uint8Array)[], lines = true, failure?: Error) {
  const events: string[] = [];
  const body = guardBody(
    sourceOf(chunks, failure),
    { onActivity: () => events.push('activity'), onSettled: () => events.push('settled') },
    { lines },
  );
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, failure: undefined, events };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, failure: error as Error, events };
  }
}

describe('checkLine', () => {
  it('passes JSON objects, marks the last line of a chat or a pull, and types failures', () => {
    expect(checkLine('{"done":false}')).toEqual({ line: '{"done":false}', isLast: false });
    expect(checkLine('{"done":true}')).toEqual({ line: '{"done":true}', isLast: true });
    expect(checkLine('{"status":"success"}')).toEqual({ line: '{"status":"success"}', isLast: true });
    const error = checkLine('{"error":"model requires more system memory"}');
    expect('failure' in error && error.failure).toBeInstanceOf(OllamaStreamErrorLine);
    expect('failure' in error && (error.failure as OllamaStreamErrorLine).serverMessage).toBe(
      'model requires more system memory',
    );
    const nested = checkLine('{"error":{"message":"x"}}');
    expect('failure' in nested && (nested.failure as OllamaStreamErrorLine).serverMessage).toBe('{"message":"x"}');
    for (const line of ['{"model": "broken", "message": ', '[1]', '42', 'null']) {
      const checked = checkLine(line);
      expect('failure' in checked && checked.failure).toBeInstanceOf(OllamaUnreadableLineError);
    }
  });

  it('shortens a long unreadable line in its message', () => {
    const checked = checkLine(`x${'y'.repeat(200)}`);
    expect('failure' in checked && checked.failure.message.length).toBeLessThan(150);
  });
});

describe('splitLines', () => {
  it('keeps the unfinished rest and drops blank lines and carriage returns', () => {
    expect(splitLines('{"a":1}\r\n\n{"b":2}\n{"c"')).toEqual({ lines: ['{"a":1}', '{"b":2}'], rest: '{"c"' });
    expect(splitLines('')).toEqual({ lines: [], rest: '' });
  });
});

describe('guardBody', () => {
  it('passes whole lines, split across chunks and multi-byte characters, and settles once', async () => {
    const euro = encoder.encode('{"message":"€"}\n');
    const result = await readGuarded([
      '{"message":"a"}\n{"mes',
      'sage":"b"}\n',
      euro.slice(0, 13),
      euro.slice(13),
      '{"done":true}',
    ]);
    expect(result.failure).toBeUndefined();
    expect(result.text).toBe('{"message":"a"}\n{"message":"b"}\n{"message":"€"}\n{"done":true}\n');
    expect(result.events.filter((event) => event === 'settled')).toHaveLength(1);
    expect(result.events.at(-1)).toBe('settled');
  });

  it('delivers the lines before an error line, then fails with the server words', async () => {
    const result = await readGuarded(['{"message":"a"}\n{"error":"an error was encountered"}\n{"done":true}\n']);
    expect(result.text).toBe('{"message":"a"}\n');
    expect(result.failure).toBeInstanceOf(OllamaStreamErrorLine);
    expect(result.failure?.message).toBe('an error was encountered');
  });

  it('fails on a line that is not JSON, even as the first line', async () => {
    const result = await readGuarded(['{"model": "broken", "message": \n{"done":true}\n']);
    expect(result.text).toBe('');
    expect(result.failure).toBeInstanceOf(OllamaUnreadableLineError);
  });

  it('fails on a bad last line without a newline, after the good ones', async () => {
    const result = await readGuarded(['{"message":"a"}\n{"mess']);
    expect(result.text).toBe('{"message":"a"}\n');
    expect(result.failure).toBeInstanceOf(OllamaUnreadableLineError);
    const only = await readGuarded(['{"mess']);
    expect(only.failure).toBeInstanceOf(OllamaUnreadableLineError);
  });

  it('calls a stream that ends without its last line cut', async () => {
    const result = await readGuarded(['{"message":"a"}\n{"message":"b"}\n']);
    expect(result.text).toBe('{"message":"a"}\n{"message":"b"}\n');
    expect(result.failure).toBeInstanceOf(OllamaStreamCutError);
    expect(result.events.at(-1)).toBe('settled');
  });

  it('passes on the failure of the body underneath', async () => {
    const cut = new TypeError('terminated');
    const result = await readGuarded(['{"message":"a"}\n'], true, cut);
    expect(result.failure).toBe(cut);
    const plain = await readGuarded(['{"a":'], false, cut);
    expect(plain.failure).toBe(cut);
  });

  it('passes a non-NDJSON body through unchanged', async () => {
    const result = await readGuarded(['{"models":', '[]}'], false);
    expect(result).toEqual({ text: '{"models":[]}', failure: undefined, events: ['activity', 'activity', 'settled'] });
  });

  it('settles and cancels the source when the reader cancels', async () => {
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(encoder.encode('{"message":"a"}\n')),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const events: string[] = [];
    const body = guardBody(
      source,
      { onActivity: () => events.push('activity'), onSettled: () => events.push('settled') },
      { lines: true },
    );
    const reader = body.getReader();
    await reader.read();
    await reader.cancel('left early');
    expect(cancelled).toBe('left early');
    expect(events.at(-1)).toBe('settled');
  });
});

const lineArbitrary = fc
  .record({ message: fc.record({ content: fc.string({ unit: 'grapheme' }) }) })
  .map((value) => JSON.stringify(value));

describe('guardBody (properties)', () => {
  it('however the bytes are chunked, a valid stream passes whole, line for line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArbitrary, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, cuts) => {
          const text = [...lines, '{"done":true}'].map((line) => `${line}\n`).join('');
          const bytes = encoder.encode(text);
          const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const bounds = [0, ...positions, bytes.length];
          const chunks = bounds.slice(1).map((end, index) => bytes.slice(bounds[index], end));
          const result = await readGuarded(chunks);
          expect(result.failure).toBeUndefined();
          expect(result.text).toBe(text);
        },
      ),
    );
  });

  it('a stream with an error line delivers exactly the lines before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary, { maxLength: 6 }), fc.string(), async (before, words) => {
        const text = [...before, JSON.stringify({ error: words }), '{"done":true}'].map((line) => `${line}\n`).join('');
        const result = await readGuarded([text]);
        expect(result.text).toBe(before.map((line) => `${line}\n`).join(''));
        expect(result.failure).toBeInstanceOf(OllamaStreamErrorLine);
        expect((result.failure as OllamaStreamErrorLine).serverMessage).toBe(words);
      }),
    );
  });
});
