import { stripAnsi } from './terminal';
import { padText, textWidth, truncateText, wrapText } from './text-width';

/** One column of a {@link formatTable} table. */
export interface TableColumn {
  header: string;
  /** `end` for numbers (right-aligned). Default `start`. */
  align?: 'start' | 'end';
  /** Whether the column may be narrowed (its cells cut with `…`) to fit the width. Default false. */
  canShrink?: boolean;
  /** Narrowest the column gets when shrinking, in cells. Default 8. */
  minWidth?: number;
  /** What a narrowed column does with a longer cell: cut it with `…` (default) or wrap it onto more lines. */
  overflow?: 'truncate' | 'wrap';
}

/** How a table is drawn. */
export interface TableStyle {
  /** Bold header and a `─` rule (a terminal), or plain text with a `-` rule (piped). */
  isRich: boolean;
  /** Most cells a line may take; columns that can shrink are narrowed to fit. Default no limit. */
  maxWidth?: number;
  /** Spaces between columns. Default 2. */
  gap?: number;
}

function shrinkToFit(widths: number[], columns: readonly TableColumn[], maxWidth: number, gap: number): number[] {
  const result = [...widths];
  const total = () => result.reduce((sum, width) => sum + width, 0) + gap * (result.length - 1);
  while (total() > maxWidth) {
    // Narrow the widest column that may still shrink, one cell at a time.
    let widest = -1;
    result.forEach((width, index) => {
      const column = columns[index] as TableColumn;
      if (!column.canShrink || width <= (column.minWidth ?? 8)) return;
      if (widest === -1 || width > (result[widest] as number)) widest = index;
    });
    if (widest === -1) break;
    result[widest] = (result[widest] as number) - 1;
  }
  return result;
}

/**
 * Formats rows as an aligned text table: a header, a rule, then one line per row, columns two
 * spaces apart, numbers right-aligned, wide characters (CJK, emoji) counted as two cells. Cells may
 * carry ANSI colours (they take no width). On a terminal (`isRich`) the header is bold and the rule
 * is `─`; piped, the text is plain ASCII apart from the cells' own characters. Returns the lines
 * joined with `\n`, without a trailing newline.
 */
export function formatTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  style: TableStyle,
): string {
  const gap = style.gap ?? 2;
  const cellsOf = (row: readonly string[]) => columns.map((_, index) => row[index] ?? '');
  const natural = columns.map((column, index) =>
    Math.max(textWidth(column.header), ...rows.map((row) => textWidth(cellsOf(row)[index] as string))),
  );
  const widths = style.maxWidth === undefined ? natural : shrinkToFit(natural, columns, style.maxWidth, gap);
  // Each cell as the lines it takes: one, or more when a wrapping column is narrower than the text.
  // A cell cut or wrapped to fit loses its colours: escapes cannot be split safely.
  const cellLines = (text: string, index: number): string[] => {
    const width = widths[index] as number;
    if (textWidth(text) <= width) return [text];
    const plain = stripAnsi(text);
    return columns[index]?.overflow === 'wrap' ? wrapText(plain, width) : [truncateText(plain, width)];
  };
  const pad = (text: string, index: number) => padText(text, widths[index] as number, columns[index]?.align ?? 'start');
  const joinCells = (cells: string[]) => cells.join(' '.repeat(gap)).trimEnd();
  const rowLines = (row: readonly string[]): string[] => {
    const cells = cellsOf(row).map(cellLines);
    const height = Math.max(...cells.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) =>
      joinCells(cells.map((lines, index) => pad(lines[line] ?? '', index))),
    );
  };
  const header = joinCells(columns.map((column, index) => pad(cellLines(column.header, index)[0] as string, index)));
  const rule = joinCells(widths.map((width) => (style.isRich ? '─' : '-').repeat(width)));
  const lines = [style.isRich ? `\u001b[1m${header}\u001b[22m` : header, rule, ...rows.flatMap(rowLines)];
  return lines.join('\n');
}

/** Formats `label: value` pairs, labels padded to the same width. */
export function formatPairs(pairs: readonly (readonly [string, string])[], style: Pick<TableStyle, 'isRich'>): string {
  const width = Math.max(0, ...pairs.map(([label]) => textWidth(label)));
  return pairs
    .map(([label, value]) => {
      const padded = padText(`${label}`, width);
      return `${style.isRich ? `\u001b[2m${padded}\u001b[22m` : padded}  ${value}`;
    })
    .join('\n');
}
