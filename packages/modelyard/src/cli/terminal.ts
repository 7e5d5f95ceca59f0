import type { Environment } from '../config/environment';

/** Where the CLI writes: a stream with what Node's `process.stdout` tells about the terminal. */
export interface OutputStream {
  write(text: string): unknown;
  /** Whether the stream is a terminal; `undefined`/`false` when piped or redirected. */
  isTTY?: boolean;
  /** Terminal width in characters, when a terminal. */
  columns?: number;
}

/** How to write to one stream: colours only on a terminal and without `NO_COLOR`. */
export interface Terminal {
  readonly stream: OutputStream;
  /** ANSI colours and cursor movement are allowed. */
  readonly isRich: boolean;
  /** Width to fit tables and bars into. */
  readonly width: number;
  write(text: string): void;
  line(text?: string): void;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const ESCAPE = '\u001b[';

/**
 * Whether ANSI escapes may be written to `stream`: it is a terminal and `NO_COLOR` is unset or
 * empty (https://no-color.org). `TERM=dumb` counts as no terminal.
 */
export function supportsAnsi(stream: OutputStream, env: Environment): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** A {@link Terminal} over `stream`, deciding colours from the stream and `env`. */
export function createTerminal(stream: OutputStream, env: Environment): Terminal {
  const isRich = supportsAnsi(stream, env);
  const paint = (open: number, close: number) => (text: string) =>
    isRich && text !== '' ? `${ESCAPE}${open}m${text}${ESCAPE}${close}m` : text;
  const width =
    stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 20 ? stream.columns : 100;
  return {
    stream,
    isRich,
    width,
    write: (text) => {
      stream.write(text);
    },
    line: (text = '') => {
      stream.write(`${text}\n`);
    },
    bold: paint(1, 22),
    dim: paint(2, 22),
    green: paint(32, 39),
    yellow: paint(33, 39),
    red: paint(31, 39),
    cyan: paint(36, 39),
  };
}

// CSI sequences (colours, cursor movement) and OSC sequences (titles, links).
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const ANSI_PATTERN = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)`, 'g');

/** `text` without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}
