/**
 * The shell's builtins that need nothing but the shell's own state: alias, unalias, clear,
 * help and history, with bash's output formats and messages.
 */
import type { History } from './history';

/** The builtins this module runs. */
export type Builtin = 'alias' | 'unalias' | 'clear' | 'help' | 'history';

/** What a builtin works on and writes to. */
export interface BuiltinContext {
  readonly aliases: Map<string, string>;
  readonly history: History;
  readonly out: { stdout(text: string): void; stderr(text: string): void };
}

/** `clear`: home, erase the screen and the scrollback, as `clear` does in xterm. */
export const CLEAR = '\x1b[H\x1b[2J\x1b[3J';

/** What `help` prints: what can be typed here, briefly. */
export const HELP = `This terminal runs kubectl against the simulated cluster. Try:
  kubectl get nodes                          the cluster's machines
  kubectl get pods -A                        every pod, in every namespace
  kubectl create deployment web --image=nginx --replicas=3
  kubectl get pods -w                        watch pods change (Ctrl-C stops)
  kubectl describe pod <name>                one pod in detail, with its events
  kubectl get pods -A | grep coredns         output can be piped into grep

Shell commands: alias k=kubectl, unalias, clear, help, history, watch [-n secs] <command>.
Keys: Tab completes, Up/Down recall history, Ctrl-R searches it, Ctrl-C interrupts,
Ctrl-L clears the screen. Press Play (or Step) above to let the cluster act.
`;

/** A value quoted for the shell, as `alias` prints it: `'it'\\''s'`. */
const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;

/** Characters bash does not allow in alias names. */
const INVALID_NAME = /[\s/$`='"\\|&;()<>]/;

/** Runs a builtin; returns its exit code. */
export function runBuiltin(name: Builtin, args: readonly string[], ctx: BuiltinContext): number {
  switch (name) {
    case 'alias':
      return alias(args, ctx);
    case 'unalias':
      return unalias(args, ctx);
    case 'clear':
      ctx.out.stdout(CLEAR);
      return 0;
    case 'help':
      ctx.out.stdout(HELP);
      return 0;
    case 'history':
      return history(args, ctx);
  }
}

function alias(args: readonly string[], { aliases, out }: BuiltinContext): number {
  const names = args.filter((a) => a !== '-p');
  if (names.length === 0) {
    for (const [n, v] of [...aliases].sort(([a], [b]) => (a < b ? -1 : 1)))
      out.stdout(`alias ${n}=${quote(v)}\n`);
    return 0;
  }
  let code = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (eq < 0) {
      const value = aliases.get(name);
      if (value === undefined) {
        out.stderr(`bash: alias: ${name}: not found\n`);
        code = 1;
      } else out.stdout(`alias ${name}=${quote(value)}\n`);
    } else if (name === '' || INVALID_NAME.test(name)) {
      out.stderr(`bash: alias: \`${name}': invalid alias name\n`);
      code = 1;
    } else aliases.set(name, arg.slice(eq + 1));
  }
  return code;
}

function unalias(args: readonly string[], { aliases, out }: BuiltinContext): number {
  if (args.length === 0) {
    out.stderr('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  if (args.includes('-a')) {
    aliases.clear();
    return 0;
  }
  let code = 0;
  for (const name of args) {
    if (!aliases.delete(name)) {
      out.stderr(`bash: unalias: ${name}: not found\n`);
      code = 1;
    }
  }
  return code;
}

function history(args: readonly string[], { history: h, out }: BuiltinContext): number {
  const [arg] = args;
  if (arg === '-c') {
    h.clear();
    return 0;
  }
  if (arg !== undefined && !/^\d+$/.test(arg)) {
    out.stderr(`bash: history: ${arg}: numeric argument required\n`);
    return 1;
  }
  const count = arg === undefined ? h.lines.length : Number(arg);
  const first = h.lines.length - Math.min(count, h.lines.length);
  h.lines
    .slice(first)
    .forEach((line, i) => out.stdout(`${String(h.firstNumber + first + i).padStart(5)}  ${line}\n`));
  return 0;
}
