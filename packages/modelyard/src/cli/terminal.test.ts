import { describe, expect, test } from 'vitest';
import { captureStream } from '../test-support/fleet';
import { createTerminal, stripAnsi, supportsAnsi } from './terminal';

describe('supportsAnsi', () => {
  test('only on a terminal, without NO_COLOR, and not TERM=dumb', () => {
    expect(supportsAnsi({ write: () => true, isTTY: true }, {})).toBe(true);
    expect(supportsAnsi({ write: () => true, isTTY: false }, {})).toBe(false);
    expect(supportsAnsi({ write: () => true }, {})).toBe(false);
    expect(supportsAnsi({ write: () => true, isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(supportsAnsi({ write: () => true, isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(supportsAnsi({ write: () => true, isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});

describe('createTerminal', () => {
  test('piped: styles are the plain text', () => {
    const terminal = createTerminal(captureStream(), {});
    expect(terminal.isRich).toBe(false);
    expect([
      terminal.bold('a'),
      terminal.dim('b'),
      terminal.green('c'),
      terminal.yellow('d'),
      terminal.red('e'),
      terminal.cyan('f'),
    ]).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(terminal.width).toBe(100);
  });

  test('on a terminal: ANSI styles, and the terminal width', () => {
    const terminal = createTerminal(captureStream({ isTTY: true, columns: 80 }), {});
    expect(terminal.bold('a')).toBe('\u001b[1ma\u001b[22m');
    expect(terminal.red('')).toBe('');
    expect(terminal.width).toBe(80);
    expect(stripAnsi(terminal.green('ok'))).toBe('ok');
  });

  test('writes lines', () => {
    const stream = captureStream();
    const terminal = createTerminal(stream, {});
    terminal.write('a');
    terminal.line('b');
    terminal.line();
    expect(stream.text).toBe('ab\n\n');
  });
});
