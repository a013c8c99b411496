/**
 * The live loss chart of `gd train` on a stand-in terminal: each update erases the previous frame
 * (cursor up over exactly its lines, clear to the end of the screen) before the caller's epoch line
 * and the new frame; nothing is drawn off a terminal, in JSON mode or on a terminal too narrow for it.
 */
import { describe, expect, it } from 'vitest';
import { liveChart } from '../src/output/live-chart.js';

function terminal(columns = 100, isTTY = true) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns, write: (text: string) => out.push(text) } };
}

const ESC = String.fromCharCode(27);
const COLOR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

/** The number of lines an erase sequence (`ESC [ n A`, return, `ESC [ J`) moves up over. */
function erasedLines(text: string): number {
  expect(text.startsWith(`${ESC}[`) && text.endsWith(`A\r${ESC}[J`), JSON.stringify(text)).toBe(true);
  return Number(text.slice(2, -5));
}

/** The widest line of a frame, colours left out. */
function widest(frame: string): number {
  return Math.max(...frame.replace(COLOR, '').split('\n').map((line) => line.length));
}

describe('liveChart', () => {
  it('redraws in place: erases the last frame, prints the epoch line, draws the longer curve', () => {
    const { out, stream } = terminal();
    const chart = liveChart(true, stream);
    const printed: string[] = [];
    chart.update([{ label: 'train', values: [4] }], () => printed.push('epoch 1'));
    expect(out).toHaveLength(1);
    const first = out[0]!;
    expect(first).toMatch(/^Loss per epoch\n/);
    expect(first.endsWith('\n')).toBe(true);
    chart.update([{ label: 'train', values: [4, 1] }, { label: 'validation', values: [5, 2] }], () => printed.push('epoch 2'));
    expect(printed).toEqual(['epoch 1', 'epoch 2']);
    // the erase covers the first frame's lines exactly (its text ends with a newline)
    expect(erasedLines(out[1]!)).toBe(first.split('\n').length - 1);
    expect(out[2]).toContain('validation');
    const second = out[2]!;
    chart.clear();
    expect(erasedLines(out[3]!)).toBe(second.split('\n').length - 1);
    chart.clear(); // nothing left to erase
    expect(out).toHaveLength(4);
    // no line is wider than the terminal
    expect(Math.max(widest(first), widest(second))).toBeLessThanOrEqual(100);
  });

  it('fits a narrower terminal, and draws nothing when it cannot', () => {
    const narrow = terminal(50);
    liveChart(true, narrow.stream).update([{ label: 'train', values: [3, 2, 1] }]);
    expect(widest(narrow.out[0]!)).toBeLessThanOrEqual(50);
    expect(widest(narrow.out[0]!)).toBeGreaterThan(30);
    for (const [enabled, t] of [[true, terminal(30)], [true, terminal(100, false)], [false, terminal()]] as const) {
      const printed: string[] = [];
      const chart = liveChart(enabled, t.stream);
      chart.update([{ label: 'train', values: [1, 2] }], () => printed.push('line'));
      chart.clear();
      expect(printed).toEqual(['line']);
      expect(t.out).toEqual([]);
    }
  });
});
