import { describe, expect, it } from 'vitest';
import { KeyDecoder } from './keys';

describe('KeyDecoder', () => {
  const decode = (data: string) => new KeyDecoder().decode(data);

  it('reads typed text, control keys and escape sequences', () => {
    expect(decode('get\x7f\r')).toEqual([
      { type: 'text', text: 'get' },
      { type: 'key', name: 'backspace' },
      { type: 'key', name: 'enter' },
    ]);
    expect(
      decode('\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1b[H\x1b[4~\x1bb\x1b\x7f').map((k) => k.type === 'key' && k.name),
    ).toEqual(['up', 'down', 'word-right', 'delete', 'home', 'end', 'word-left', 'kill-word-left']);
    expect(
      decode('\x01\x03\x04\x05\x0b\x0c\x12\x15\x17\x19\t').map((k) => k.type === 'key' && k.name),
    ).toEqual([
      'ctrl-a',
      'ctrl-c',
      'ctrl-d',
      'ctrl-e',
      'ctrl-k',
      'ctrl-l',
      'ctrl-r',
      'ctrl-u',
      'ctrl-w',
      'ctrl-y',
      'tab',
    ]);
  });

  it('skips sequences it does not know, and reads a lone Escape', () => {
    expect(decode('\x1b[15~a\x1b[200;1Rb')).toEqual([{ type: 'text', text: 'ab' }]);
    expect(decode('\x1b')).toEqual([{ type: 'key', name: 'escape' }]);
  });

  it('reads a bracketed paste whole, even across several pieces, with clean newlines', () => {
    const decoder = new KeyDecoder();
    expect(decoder.decode('\x1b[200~kubectl get\tpods\r')).toEqual([]);
    expect(decoder.decode('kubectl get nodes\r\n\x1b[201~x')).toEqual([
      { type: 'paste', text: 'kubectl get pods\nkubectl get nodes' },
      { type: 'text', text: 'x' },
    ]);
  });
});
