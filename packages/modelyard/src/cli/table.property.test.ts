import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatTable } from './table';
import { stripAnsi } from './terminal';
import { textWidth, truncateText } from './text-width';

const word = fc.stringMatching(/^[a-z0-9./:-]{1,12}$/);
const wide = fc.constantFrom('模', '型', '🚀', 'é', 'a');

describe('formatTable properties', () => {
  test('every line splits back into its cells, and every line fits the natural width', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((columnCount) =>
            fc.tuple(
              fc.array(word, { minLength: columnCount, maxLength: columnCount }),
              fc.array(fc.array(word, { minLength: columnCount, maxLength: columnCount }), { maxLength: 8 }),
              fc.array(fc.boolean(), { minLength: columnCount, maxLength: columnCount }),
            ),
          ),
        ([headers, rows, rightAligned]) => {
          const columns = headers.map((header, index) => ({
            header,
            align: rightAligned[index] ? ('end' as const) : ('start' as const),
          }));
          const lines = formatTable(columns, rows, { isRich: false }).split('\n');
          expect(lines).toHaveLength(rows.length + 2);
          expect(lines[0]?.trim().split(/\s+/)).toEqual(headers);
          rows.forEach((row, index) => {
            expect(lines[index + 2]?.trim().split(/\s+/)).toEqual(row);
          });
          const natural = columns.map((column, index) =>
            Math.max(column.header.length, ...rows.map((row) => (row[index] as string).length)),
          );
          const total = natural.reduce((sum, width) => sum + width, 0) + 2 * (columns.length - 1);
          for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(total);
          expect(lines[1]?.replace(/ /g, '')).toMatch(/^-*$/);
        },
      ),
    );
  });

  test('with shrinking columns, every line fits the width whenever the minimum widths do', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(wide, { minLength: 1, maxLength: 30 }).map((parts) => parts.join('')),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 10, max: 60 }),
        (cells, maxWidth) => {
          const columns = [
            { header: 'A', canShrink: true, minWidth: 4 },
            { header: 'B', canShrink: true, minWidth: 4 },
          ];
          const rows = cells.map((cell) => [cell, cell]);
          const lines = formatTable(columns, rows, { isRich: true, maxWidth }).split('\n');
          for (const line of lines) expect(textWidth(stripAnsi(line))).toBeLessThanOrEqual(maxWidth);
        },
      ),
    );
  });
});

describe('truncateText properties', () => {
  test('fits the width, and is the text or a prefix of it followed by …', () => {
    fc.assert(
      fc.property(
        fc.array(wide, { maxLength: 20 }).map((parts) => parts.join('')),
        fc.integer({ min: 1, max: 30 }),
        (text, width) => {
          const cut = truncateText(text, width);
          expect(textWidth(cut)).toBeLessThanOrEqual(width);
          if (cut !== text) {
            expect(cut.endsWith('…')).toBe(true);
            expect(text.startsWith(cut.slice(0, -1))).toBe(true);
          }
        },
      ),
    );
  });
});
