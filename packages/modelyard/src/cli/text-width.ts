import { stripAnsi } from './terminal';

// Ranges of characters a terminal draws two cells wide: CJK, Hangul, full-width forms, emoji.
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([start, end]) => codePoint >= start && codePoint <= end);
}

function isZeroWidth(codePoint: number): boolean {
  // Combining marks, zero-width joiners and spaces, variation selectors.
  return (
    (codePoint >= 0x0300 && codePoint <= 0x036f) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint < 0x20
  );
}

function cellsOf(character: string): number {
  const codePoint = character.codePointAt(0) as number;
  if (isZeroWidth(codePoint)) return 0;
  return isWide(codePoint) ? 2 : 1;
}

/** How many terminal cells `text` takes: ANSI escapes take none, CJK and emoji take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of stripAnsi(text)) width += cellsOf(character);
  return width;
}

/** `text` cut to at most `width` cells, ending in `…` when cut. Expects text without ANSI escapes. */
export function truncateText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  if (width <= 0) return '';
  let result = '';
  let used = 0;
  for (const character of text) {
    const cells = cellsOf(character);
    if (used + cells > width - 1) break;
    result += character;
    used += cells;
  }
  return `${result}…`;
}

/** `text` padded with spaces to `width` cells, on the right (`start`) or the left (`end`). */
export function padText(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  const padding = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'start' ? `${text}${padding}` : `${padding}${text}`;
}

/**
 * `text` broken into lines of at most `width` cells, at spaces where it can, inside a word where a
 * word is longer than a line. Expects text without ANSI escapes; always at least one line.
 */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0 || textWidth(text) <= width) return [text];
  const lines: string[] = [];
  let current = '';
  const push = () => {
    lines.push(current.trimEnd());
    current = '';
  };
  for (const word of text.split(/(?<=\s)/)) {
    if (textWidth(current + word.trimEnd()) <= width) {
      current += word;
      continue;
    }
    if (current.trim() !== '') push();
    let rest = word;
    while (textWidth(rest.trimEnd()) > width) {
      const piece = truncateText(rest, width + 1).slice(0, -1);
      lines.push(piece);
      rest = rest.slice(piece.length);
    }
    current = rest;
  }
  if (current.trim() !== '' || lines.length === 0) push();
  return lines;
}
