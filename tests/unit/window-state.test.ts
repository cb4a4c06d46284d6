import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, readWindowState, restorableState, writeWindowState } from '../../electron/window-state.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'window-state-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('window state', () => {
  it('round-trips through a JSON file in userData (folder created, file written atomically)', () => {
    const file = path.join(tmp, 'sub', 'window-state.json');
    writeWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8')).width).toBe(1400);
  });

  it('ignores a missing, damaged or foreign file', () => {
    expect(readWindowState(path.join(tmp, 'none.json'))).toBeUndefined();
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, '{"width": "wide"');
    expect(readWindowState(bad)).toBeUndefined();
    writeFileSync(bad, '{"width": "wide", "height": 3}');
    expect(readWindowState(bad)).toBeUndefined();
    expect(restorableState(undefined, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('restores the position only on a display that is still there', () => {
    const onRight = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };
    expect(restorableState(onRight, [laptop, rightMonitor])).toEqual(onRight);
    // The right monitor was unplugged: keep the size, let the system place the window.
    expect(restorableState(onRight, [laptop])).toEqual({ width: 1400, height: 900, maximized: false });
    // Title bar above the top of every display.
    expect(restorableState({ ...onRight, x: 100, y: -500 }, [laptop]).x).toBeUndefined();
    // Mostly off the left edge but with enough of the title bar to grab.
    expect(restorableState({ ...onRight, x: -1100, y: 50 }, [laptop]).x).toBe(-1100);
  });

  it('clamps a saved size larger than every display, and keeps a minimum', () => {
    expect(restorableState({ width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({ width: 1920, height: 1040, maximized: false });
    const tiny = path.join(tmp, 'tiny.json');
    writeFileSync(tiny, JSON.stringify({ width: 10, height: 10, maximized: false }));
    expect(readWindowState(tiny)).toMatchObject({ width: 800, height: 560 });
  });
});
