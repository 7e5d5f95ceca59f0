import { describe, expect, test } from 'vitest';
import { formatPairs, formatTable } from './table';
import { stripAnsi } from './terminal';
import { padText, textWidth, truncateText, wrapText } from './text-width';

const columns = [{ header: 'MODEL' }, { header: 'CTX', align: 'end' as const }];
const rows = [
  ['a/b', '4k'],
  ['long-model', '131k'],
];

describe('formatTable', () => {
  test('piped: plain text, columns two spaces apart, numbers right-aligned, a dash rule', () => {
    expect(formatTable(columns, rows, { isRich: false }).split('\n')).toEqual([
      'MODEL        CTX',
      '----------  ----',
      'a/b           4k',
      'long-model  131k',
    ]);
  });

  test('on a terminal: the same layout with a bold header and a ─ rule', () => {
    const lines = formatTable(columns, rows, { isRich: true }).split('\n');
    expect(lines[0]).toBe('\u001b[1mMODEL        CTX\u001b[22m');
    expect(lines[1]).toBe('──────────  ────');
    expect(lines.slice(2)).toEqual(['a/b           4k', 'long-model  131k']);
  });

  test('narrows the columns that may shrink to the width, cutting cells with …', () => {
    const shrinking = [
      { header: 'MODEL', canShrink: true, minWidth: 4 },
      { header: 'CTX', align: 'end' as const },
    ];
    expect(formatTable(shrinking, rows, { isRich: false, maxWidth: 12 }).split('\n')).toEqual([
      'MODEL    CTX',
      '------  ----',
      'a/b       4k',
      'long-…  131k',
    ]);
  });

  test('stops at minWidth when even that does not fit', () => {
    const shrinking = [{ header: 'MODEL', canShrink: true, minWidth: 8 }, { header: 'CTX' }];
    const [header] = formatTable(shrinking, rows, { isRich: false, maxWidth: 5 }).split('\n');
    expect(header).toBe('MODEL     CTX');
  });

  test('coloured cells take only their text width; wide characters take two cells', () => {
    const table = formatTable(
      [{ header: 'NAME' }, { header: 'STATUS' }],
      [
        ['模型', '\u001b[32mok\u001b[39m'],
        ['ab', 'failed'],
      ],
      { isRich: false },
    );
    expect(stripAnsi(table).split('\n')).toEqual(['NAME  STATUS', '----  ------', '模型  ok', 'ab    failed']);
  });

  test('missing cells are empty, and an empty table is a header and a rule', () => {
    expect(formatTable(columns, [['only']], { isRich: false }).split('\n')).toEqual([
      'MODEL  CTX',
      '-----  ---',
      'only',
    ]);
    expect(formatTable(columns, [], { isRich: false })).toBe('MODEL  CTX\n-----  ---');
  });
});

describe('formatPairs', () => {
  test('pads the labels to the same width', () => {
    expect(
      formatPairs(
        [
          ['OS', 'linux'],
          ['Memory', '24 GB'],
        ],
        { isRich: false },
      ),
    ).toBe('OS      linux\nMemory  24 GB');
    expect(formatPairs([['OS', 'linux']], { isRich: true })).toBe('\u001b[2mOS\u001b[22m  linux');
  });
});

describe('text width', () => {
  test('counts terminal cells', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('模型')).toBe(4);
    expect(textWidth('🚀')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1); // e + combining acute accent
    expect(textWidth('\u001b[1mbold\u001b[22m')).toBe(4);
    expect(textWidth('\u001b]8;;https://x\u0007link\u001b]8;;\u0007')).toBe(4);
  });

  test('truncates to a width with …', () => {
    expect(truncateText('abcdef', 6)).toBe('abcdef');
    expect(truncateText('abcdef', 4)).toBe('abc…');
    expect(truncateText('模型模型', 5)).toBe('模型…');
    expect(truncateText('abc', 0)).toBe('');
  });

  test('pads on either side', () => {
    expect(padText('ab', 4)).toBe('ab  ');
    expect(padText('ab', 4, 'end')).toBe('  ab');
    expect(padText('abcdef', 4)).toBe('abcdef');
  });
});

describe('wrapping columns', () => {
  test('a wrapping column breaks its text at spaces onto more lines; the other cells stay on the first', () => {
    const columns = [{ header: 'MODEL' }, { header: 'WHY', canShrink: true, minWidth: 10, overflow: 'wrap' as const }];
    const rows = [['a/b', 'The price is above the cap of one dollar.']];
    expect(formatTable(columns, rows, { isRich: false, maxWidth: 20 }).split('\n')).toEqual([
      'MODEL  WHY',
      '-----  -------------',
      'a/b    The price is',
      '       above the cap',
      '       of one',
      '       dollar.',
    ]);
  });

  test('wrapText: words longer than a line are split; short text stays whole', () => {
    expect(wrapText('abc', 5)).toEqual(['abc']);
    expect(wrapText('abcdefgh ij', 3)).toEqual(['abc', 'def', 'gh', 'ij']);
    expect(wrapText('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapText('', 3)).toEqual(['']);
  });
});
