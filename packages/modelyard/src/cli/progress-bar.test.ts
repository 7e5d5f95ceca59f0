import { describe, expect, test } from 'vitest';
import { captureStream } from '../test-support/fleet';
import { createProgressBar, describeProgress, renderBar } from './progress-bar';
import { createTerminal } from './terminal';

describe('renderBar', () => {
  test('plain and rich bars of the same width', () => {
    expect(renderBar(0.5, 10, false)).toBe('[#####-----]');
    expect(renderBar(0.5, 10, true)).toBe('█████░░░░░');
    expect(renderBar(2, 4, false)).toBe('[####]');
    expect(renderBar(Number.NaN, 4, false)).toBe('[----]');
  });
});

describe('describeProgress', () => {
  test('status only when the size is unknown', () => {
    expect(describeProgress({ status: 'pulling manifest' }, 10, false)).toBe('pulling manifest');
  });
  test('bar, percentage and bytes when known; the layer digest shortened', () => {
    expect(
      describeProgress(
        {
          status: 'downloading',
          layer: 'sha256:0123456789abcdef',
          completedBytes: 250_000_000,
          totalBytes: 1_000_000_000,
        },
        10,
        false,
      ),
    ).toBe('downloading 0123456789ab [###-------]  25% 250 MB/1.0 GB');
  });
});

describe('createProgressBar', () => {
  test('piped: a line per status change and per 10% of a layer, no carriage returns', () => {
    const stream = captureStream();
    const bar = createProgressBar(createTerminal(stream, {}), 10);
    bar.update({ status: 'pulling manifest' });
    bar.update({ status: 'pulling manifest' });
    for (const done of [0, 10, 40, 50, 100])
      bar.update({ status: 'downloading', completedBytes: done, totalBytes: 100 });
    bar.update({ status: 'success' });
    bar.finish();
    expect(stream.text).not.toContain('\r');
    expect(stream.text).not.toContain('\u001b');
    expect(stream.text.split('\n')).toEqual([
      'pulling manifest',
      'downloading [----------]   0% 0 B/100 B',
      'downloading [#---------]  10% 10 B/100 B',
      'downloading [####------]  40% 40 B/100 B',
      'downloading [#####-----]  50% 50 B/100 B',
      'downloading [##########] 100% 100 B/100 B',
      'success',
      '',
    ]);
  });

  test('on a terminal: one line redrawn in place, ended by finish()', () => {
    const stream = captureStream({ isTTY: true });
    const bar = createProgressBar(createTerminal(stream, {}), 4);
    bar.update({ status: 'downloading', completedBytes: 1, totalBytes: 4 });
    bar.update({ status: 'downloading', completedBytes: 4, totalBytes: 4 });
    bar.finish();
    bar.finish();
    expect(stream.text).toBe('\r\u001b[2Kdownloading █░░░  25% 1 B/4 B\r\u001b[2Kdownloading ████ 100% 4 B/4 B\n');
  });
});
