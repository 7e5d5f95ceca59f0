import type { PullProgress } from '@modelyard/core';
import { formatBytes } from './format';
import type { Terminal } from './terminal';

/** Draws download progress: a bar redrawn in place on a terminal, plain lines when piped. */
export interface ProgressBar {
  update(progress: PullProgress): void;
  /** Ends the bar's line. */
  finish(): void;
}

/** `[#####-----]` of `width` cells for `fraction` (0–1), with `█`/`░` on a terminal. */
export function renderBar(fraction: number, width: number, isRich: boolean): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  return isRich
    ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

/** The text of one progress line: status, bar, percentage and bytes when sizes are known. */
export function describeProgress(progress: PullProgress, barWidth: number, isRich: boolean): string {
  const { completedBytes, totalBytes } = progress;
  const layer = progress.layer ? ` ${progress.layer.replace(/^sha256:/, '').slice(0, 12)}` : '';
  if (totalBytes === undefined || totalBytes <= 0) return `${progress.status}${layer}`;
  const done = Math.min(completedBytes ?? 0, totalBytes);
  const fraction = done / totalBytes;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${progress.status}${layer} ${renderBar(fraction, barWidth, isRich)} ${percent} ${formatBytes(done)}/${formatBytes(totalBytes)}`;
}

/**
 * A progress bar on `terminal`. On a terminal the line is redrawn in place (`\r` + clear line);
 * piped, a line is written when the status or layer changes and at every 10% of a layer, so a log
 * shows the progress without thousands of lines.
 */
export function createProgressBar(terminal: Terminal, barWidth = 30): ProgressBar {
  let lastKey = '';
  let lastDecile = -1;
  let isLineOpen = false;
  return {
    update(progress) {
      const text = describeProgress(progress, barWidth, terminal.isRich);
      if (terminal.isRich) {
        terminal.write(`\r\u001b[2K${text}`);
        isLineOpen = true;
        return;
      }
      const key = `${progress.status}|${progress.layer ?? ''}`;
      const total = progress.totalBytes ?? 0;
      const decile = total > 0 ? Math.floor(((progress.completedBytes ?? 0) / total) * 10) : -1;
      if (key === lastKey && decile === lastDecile) return;
      lastKey = key;
      lastDecile = decile;
      terminal.line(text);
    },
    finish() {
      if (isLineOpen) terminal.line();
      isLineOpen = false;
    },
  };
}
