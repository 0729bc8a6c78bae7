import { describe, expect, it } from 'vitest';
import { browserKeys, type KeyEventLike } from './keyboard';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({
  type: 'keydown',
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('browserKeys', () => {
  it('leaves copy to the browser when text is selected, and Ctrl-C to the terminal otherwise', () => {
    let selected = false;
    const handle = browserKeys({ hasSelection: () => selected });
    expect(handle(key('c', { ctrlKey: true }))).toBe(true);
    selected = true;
    expect(handle(key('c', { ctrlKey: true }))).toBe(false);
    expect(handle(key('c', { metaKey: true }))).toBe(false);
    selected = false;
    expect(handle(key('C', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('leaves paste to the browser', () => {
    const handle = browserKeys({ hasSelection: () => false });
    expect(handle(key('v', { ctrlKey: true }))).toBe(false);
    expect(handle(key('V', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(handle(key('v'))).toBe(true);
  });

  it('lets Escape then Tab move focus away, while Tab alone completes', () => {
    const handle = browserKeys({ hasSelection: () => false });
    expect(handle(key('Tab'))).toBe(true);
    expect(handle(key('Escape'))).toBe(true);
    expect(handle(key('Tab'))).toBe(false);
    expect(handle(key('Tab'))).toBe(true);
    expect(handle({ ...key('Escape'), type: 'keyup' })).toBe(true);
  });
});
