import { describe, expect, it } from 'vitest';
import { VirtualScreen } from '../../e2e/console-screen';

describe('VirtualScreen (the e2e test’s terminal)', () => {
  it('GIVEN readline redrawing its prompt THEN the row shows the prompt and what was typed', () => {
    const screen = new VirtualScreen(20, 3);
    screen.write('\u001b[1G\u001b[0Jfactory> \u001b[10Gsta');
    screen.write('\r\u001b[2K\u001b[1Gcard\r\nfactory> sta');
    expect(screen.visible()).toEqual(['card', 'factory> sta', '']);
    expect(screen.cursorLine()).toBe('factory> sta');
  });

  it('GIVEN more lines than rows THEN the top scrolls into history', () => {
    const screen = new VirtualScreen(10, 2);
    screen.write('one\r\ntwo\r\nthree');
    expect(screen.visible()).toEqual(['two', 'three']);
    expect(screen.history()).toEqual(['one', 'two', 'three']);
  });

  it('GIVEN a line longer than the width THEN it wraps, and colours take no room', () => {
    const screen = new VirtualScreen(5, 3);
    screen.write('\u001b[36mabcdefg\u001b[0m');
    expect(screen.visible()).toEqual(['abcde', 'fg', '']);
  });

  it('GIVEN an escape sequence split across writes THEN it still applies', () => {
    const screen = new VirtualScreen(10, 1);
    screen.write('abc\u001b[');
    screen.write('1Gx');
    expect(screen.visible()).toEqual(['xbc']);
  });

  it('GIVEN wide characters THEN they take two columns', () => {
    const screen = new VirtualScreen(5, 2);
    screen.write('✅ok🔄');
    expect(screen.visible()).toEqual(['✅ok', '🔄']);
  });
});
