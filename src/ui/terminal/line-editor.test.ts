import { describe, expect, it } from 'vitest';
import { History } from './history';
import { LineEditor, type EditorAction } from './line-editor';
import { charWidth } from './text';

/**
 * A screen that interprets what the editor writes as a terminal would (wrap at the margin
 * with a pending wrap, wide characters, CR, LF, cursor up/forward, erase below, clear), so
 * the tests check what the user sees rather than escape sequences.
 */
class Screen {
  rows: string[][] = [[]];
  row = 0;
  col = 0;
  #pending = false;
  constructor(readonly columns: number) {}

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data.charAt(i);
      if (ch === '\x1b') {
        // eslint-disable-next-line no-control-regex -- the sequences the editor writes
        const m = /^\x1b\[(\??[0-9;]*)([A-Za-z])/.exec(data.slice(i));
        if (m === null) throw new Error(`unexpected escape at ${JSON.stringify(data.slice(i))}`);
        this.#csi(m[1] ?? '', m[2] ?? '');
        i += m[0].length - 1;
      } else if (ch === '\r') {
        this.col = 0;
        this.#pending = false;
      } else if (ch === '\n') {
        this.row++;
        this.#pending = false;
        this.rows[this.row] ??= [];
      } else if (ch !== '\x07') {
        const cp = data.codePointAt(i) ?? 0;
        if (cp > 0xffff) i++;
        this.#print(String.fromCodePoint(cp), charWidth(cp));
      }
    }
  }

  #print(ch: string, width: number): void {
    if (width === 0) {
      const line = this.rows[this.row] ?? [];
      const at = this.#pending ? this.col : this.col - 1;
      line[at] = (line[at] ?? '') + ch;
      return;
    }
    if (this.#pending || this.col + width > this.columns) {
      this.row++;
      this.col = 0;
      this.#pending = false;
    }
    const line = (this.rows[this.row] ??= []);
    line[this.col] = ch;
    if (width === 2) line[this.col + 1] = '';
    this.col += width;
    if (this.col >= this.columns) {
      this.col = this.columns - 1;
      this.#pending = true;
    }
  }

  #csi(params: string, final: string): void {
    const n = Number(params || '1');
    this.#pending = false;
    if (final === 'A') this.row = Math.max(0, this.row - n);
    else if (final === 'C') this.col = Math.min(this.columns - 1, this.col + n);
    else if (final === 'H') [this.row, this.col] = [0, 0];
    else if (final === 'J' && params === '2') this.rows = this.rows.map(() => []);
    else if (final === 'J') {
      this.rows[this.row] = (this.rows[this.row] ?? []).slice(0, this.col);
      this.rows = this.rows.slice(0, this.row + 1);
    }
  }

  /** The visible text, one string per row, trailing blanks trimmed. */
  get lines(): string[] {
    const lines = this.rows.map((r) =>
      Array.from(r, (c) => c ?? ' ')
        .join('')
        .trimEnd(),
    );
    while (lines.length > 1 && lines.at(-1) === '') lines.pop();
    return lines;
  }
}

function setup(columns = 40, lines: string[] = []) {
  const history = new History();
  for (const l of lines) history.add(l);
  const editor = new LineEditor({ columns, history });
  const screen = new Screen(columns);
  const actions: EditorAction[] = [];
  screen.write(editor.prompt('$ '));
  const type = (...inputs: string[]) => {
    for (const input of inputs) {
      const out = editor.feed(input);
      screen.write(out.text);
      actions.push(...out.actions);
    }
  };
  return { editor, screen, actions, type, history };
}

const KEY = {
  left: '\x1b[D',
  right: '\x1b[C',
  up: '\x1b[A',
  down: '\x1b[B',
  home: '\x1b[H',
  end: '\x1b[F',
  delete: '\x1b[3~',
  backspace: '\x7f',
  enter: '\r',
  tab: '\t',
  ctrl: (c: string) => String.fromCharCode(c.charCodeAt(0) - 96),
};

describe('LineEditor', () => {
  it('inserts text at the cursor and moves with Left, Right, Home and End', () => {
    const { screen, type } = setup();
    type('kubectl get pods', KEY.home, 'x', KEY.end, 'y', KEY.left, KEY.left, 'Z');
    expect(screen.lines).toEqual(['$ xkubectl get podZsy']);
    expect(screen.col).toBe(2 + 17);
  });

  it('deletes with Backspace, Delete, Ctrl-U, Ctrl-K and Ctrl-W, and yanks with Ctrl-Y', () => {
    const { screen, type } = setup();
    type('kubectl get pods', KEY.backspace, KEY.home, KEY.delete);
    expect(screen.lines).toEqual(['$ ubectl get pod']);
    type(KEY.end, KEY.ctrl('w'));
    expect(screen.lines).toEqual(['$ ubectl get']);
    type(KEY.ctrl('a'), KEY.right, KEY.ctrl('k'));
    expect(screen.lines).toEqual(['$ u']);
    type(KEY.ctrl('y'), KEY.ctrl('e'), ' x', KEY.ctrl('u'));
    expect(screen.lines).toEqual(['$']);
  });

  it('submits the line on Enter and adds it to history', () => {
    const { editor, screen, type, actions, history } = setup();
    type('kubectl get nodes', KEY.left, KEY.enter);
    expect(actions).toEqual([{ type: 'submit', line: 'kubectl get nodes' }]);
    expect(history.lines).toEqual(['kubectl get nodes']);
    expect(editor.editing).toBe(false);
    expect(screen.row).toBe(1);
    expect(screen.col).toBe(0);
  });

  it('wraps long lines at the margin and moves the cursor across rows', () => {
    const { screen, type } = setup(10);
    type('abcdefghijklmnop');
    expect(screen.lines).toEqual(['$ abcdefgh', 'ijklmnop']);
    expect([screen.row, screen.col]).toEqual([1, 8]);
    type(KEY.home);
    expect([screen.row, screen.col]).toEqual([0, 2]);
    type('12');
    expect(screen.lines).toEqual(['$ 12abcdef', 'ghijklmnop']);
    expect([screen.row, screen.col]).toEqual([0, 4]);
    type(KEY.end, KEY.backspace, KEY.backspace, KEY.backspace);
    expect(screen.lines).toEqual(['$ 12abcdef', 'ghijklm']);
  });

  it('keeps the cursor right when the line ends exactly at the margin', () => {
    const { screen, type } = setup(10);
    type('abcdefgh');
    expect(screen.lines).toEqual(['$ abcdefgh']);
    expect([screen.row, screen.col]).toEqual([1, 0]);
    type('i', KEY.left, KEY.left);
    expect(screen.lines).toEqual(['$ abcdefgh', 'i']);
    expect([screen.row, screen.col]).toEqual([0, 9]);
  });

  it('counts wide characters as two columns and wraps them whole', () => {
    const { screen, type } = setup(10);
    type('abcdefg', '日本');
    expect(screen.lines).toEqual(['$ abcdefg', '日本']);
    expect([screen.row, screen.col]).toEqual([1, 4]);
    type(KEY.left);
    expect([screen.row, screen.col]).toEqual([1, 2]);
    type(KEY.backspace);
    expect(screen.lines).toEqual(['$ abcdefg', '本']);
  });

  it('moves over a combining accent with the letter it belongs to', () => {
    const { screen, type } = setup();
    type('cafe\u0301', KEY.left, 'X');
    expect(screen.lines).toEqual(['$ cafXe\u0301']);
  });

  it('browses history with Up and Down, keeping the line being typed', () => {
    const { screen, type } = setup(40, ['kubectl get pods', 'kubectl get nodes']);
    type('draft', KEY.up);
    expect(screen.lines).toEqual(['$ kubectl get nodes']);
    type(KEY.up, KEY.up);
    expect(screen.lines).toEqual(['$ kubectl get pods']);
    type(' -A', KEY.down, KEY.down);
    expect(screen.lines).toEqual(['$ draft']);
    type(KEY.up, KEY.up);
    expect(screen.lines).toEqual(['$ kubectl get pods -A']);
  });

  it('searches history with Ctrl-R as bash shows it', () => {
    const { screen, type, actions } = setup(60, [
      'kubectl get pods',
      'kubectl describe pod web',
      'kubectl get nodes',
    ]);
    type(KEY.ctrl('r'));
    expect(screen.lines).toEqual(["(reverse-i-search)`':"]);
    type('pod');
    expect(screen.lines).toEqual(["(reverse-i-search)`pod': kubectl describe pod web"]);
    expect(screen.col).toBe("(reverse-i-search)`pod': kubectl describe ".length);
    type(KEY.ctrl('r'));
    expect(screen.lines).toEqual(["(reverse-i-search)`pod': kubectl get pods"]);
    type('x');
    expect(screen.lines).toEqual(["(failed reverse-i-search)`podx': kubectl get pods"]);
    type(KEY.backspace, KEY.enter);
    expect(actions).toEqual([{ type: 'submit', line: 'kubectl describe pod web' }]);
  });

  it('ends a search on an editing key, and restores the line on Ctrl-G', () => {
    const { screen, type } = setup(60, ['kubectl get pods']);
    type('abc', KEY.ctrl('r'), 'get', KEY.ctrl('g'));
    expect(screen.lines).toEqual(['$ abc']);
    type(KEY.ctrl('r'), 'get', KEY.end, ' -w');
    expect(screen.lines).toEqual(['$ kubectl get pods -w']);
    type(KEY.ctrl('u'), KEY.ctrl('r'), KEY.ctrl('r'));
    expect(screen.lines).toEqual(["(reverse-i-search)`get': kubectl get pods"]);
  });

  it('cancels the line on Ctrl-C, and interrupts a running command', () => {
    const { editor, screen, type, actions } = setup();
    type('kubectl get', KEY.ctrl('c'));
    expect(screen.lines).toEqual(['$ kubectl get^C', '$']);
    expect(actions).toEqual([]);
    type('kubectl get pods -w', KEY.enter, 'ignored', KEY.ctrl('c'));
    expect(actions).toEqual([{ type: 'submit', line: 'kubectl get pods -w' }, { type: 'interrupt' }]);
    expect(screen.lines.at(-1)).toBe('^C');
    expect(editor.editing).toBe(false);
  });

  it('clears the screen on Ctrl-L and keeps the line', () => {
    const { editor, screen, type } = setup();
    type('kubectl version', KEY.enter);
    screen.write('Client Version: v1.32.4\r\n');
    screen.write(editor.prompt('$ '));
    type('kubectl', KEY.ctrl('l'));
    expect(screen.lines).toEqual(['$ kubectl']);
    expect([screen.row, screen.col]).toEqual([0, 9]);
  });

  it('does nothing on Ctrl-D with an empty line, and deletes forward otherwise', () => {
    const { screen, type, actions } = setup();
    type(KEY.ctrl('d'));
    expect(screen.lines).toEqual(['$']);
    type('ab', KEY.home, KEY.ctrl('d'));
    expect(screen.lines).toEqual(['$ b']);
    expect(actions).toEqual([]);
  });

  it('inserts a bracketed paste as text, several lines and all, until Enter', () => {
    const { screen, type, actions } = setup();
    type('\x1b[200~kubectl get pods\rkubectl get\tnodes\r\x1b[201~');
    expect(screen.lines).toEqual(['$ kubectl get pods', 'kubectl get nodes']);
    type(KEY.enter);
    expect(actions).toEqual([{ type: 'submit', line: 'kubectl get pods\nkubectl get nodes' }]);
  });

  it('asks for completions on Tab and completes a single candidate with a space', () => {
    const { editor, screen, type, actions } = setup();
    type('kubectl ro');
    type(KEY.tab);
    expect(actions).toEqual([{ type: 'complete', line: 'kubectl ro', cursor: 10 }]);
    screen.write(editor.complete({ candidates: ['rollout\tManage the rollout'], replaceFrom: 8 }));
    expect(screen.lines).toEqual(['$ kubectl rollout']);
    expect(screen.col).toBe(18);
  });

  it('inserts the common prefix, then lists the candidates on the second Tab', () => {
    const { editor, screen, type } = setup(40);
    const answer = {
      candidates: ['web-1', 'web-2', 'api-1'].filter((c) => c.startsWith('w')),
      replaceFrom: 17,
    };
    type('kubectl get pods w', KEY.tab);
    screen.write(editor.complete(answer));
    expect(screen.lines).toEqual(['$ kubectl get pods web-']);
    type(KEY.tab);
    screen.write(editor.complete(answer));
    expect(screen.lines).toEqual(['$ kubectl get pods web-']);
    type(KEY.tab);
    screen.write(editor.complete(answer));
    expect(screen.lines).toEqual(['$ kubectl get pods web-', 'web-1  web-2', '$ kubectl get pods web-']);
  });

  it('lists commands with their descriptions one per line, cut to the screen', () => {
    const { editor, screen, type } = setup(40);
    const answer = {
      candidates: ['rollout\tManage the rollout of a resource', 'run\tRun a particular image on the cluster'],
      replaceFrom: 8,
    };
    type('kubectl r', KEY.tab);
    screen.write(editor.complete(answer));
    type(KEY.tab);
    screen.write(editor.complete(answer));
    expect(screen.lines).toEqual([
      '$ kubectl r',
      'rollout  (Manage the rollout of a reso…)',
      'run      (Run a particular image on th…)',
      '$ kubectl r',
    ]);
  });

  it('ignores an answer for a line that changed since Tab', () => {
    const { editor, type } = setup();
    type('kubectl g', KEY.tab, 'x');
    expect(editor.complete({ candidates: ['get'], replaceFrom: 8 })).toBe('');
  });

  it('redraws at a new width', () => {
    const { editor, type } = setup(20);
    type('kubectl get pods --all');
    // The terminal reflows the line to the new width, then the editor redraws it there.
    const narrow = new Screen(10);
    narrow.write('$ kubectl get pods --all');
    narrow.write(editor.resize(10));
    expect(narrow.lines).toEqual(['$ kubectl', 'get pods -', '-all']);
    expect([narrow.row, narrow.col]).toEqual([2, 4]);
  });
});
