import { describe, expect, it } from 'vitest';
import { flag, type FlagSpec } from './flags';
import { HELP_FLAG, nonFlagPositions, parseFlags } from './parse';

/** A flag set shaped like `kubectl get`'s, with kubectl's global flags. */
const SPECS: FlagSpec[] = [
  HELP_FLAG,
  flag.string('namespace', 'ns', { shorthand: 'n' }),
  flag.string('output', 'format', { shorthand: 'o' }),
  flag.bool('all-namespaces', 'all', { shorthand: 'A' }),
  flag.bool('watch', 'watch', { shorthand: 'w' }),
  flag.bool('show-labels', 'labels'),
  flag.bool('server-print', 'server print', { default: true }),
  flag.int('chunk-size', 'chunks', { default: 500 }),
  flag.stringSlice('label-columns', 'columns', { shorthand: 'L' }),
  flag.stringArray('as-group', 'groups'),
  flag.level('v', 'verbosity', { shorthand: 'v' }),
];

type Expected = {
  args?: string[];
  namespace?: string;
  output?: string;
  all?: boolean;
  watch?: boolean;
  showLabels?: boolean;
  serverPrint?: boolean;
  chunk?: number;
  columns?: string[];
  groups?: string[];
  v?: number;
  help?: boolean;
};

describe('parseFlags', () => {
  it.each<[string, Expected]>([
    ['get pods', { args: ['get', 'pods'] }],
    ['get pods -n kube-system', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['-n kube-system get pods', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['get pods -nkube-system', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['get pods -n=kube-system', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['get pods --namespace=kube-system', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['get pods --namespace kube-system', { args: ['get', 'pods'], namespace: 'kube-system' }],
    ['get pods --namespace=', { args: ['get', 'pods'], namespace: '' }],
    ['get pods -oyaml', { args: ['get', 'pods'], output: 'yaml' }],
    ['get pods -o=jsonpath={.a}', { args: ['get', 'pods'], output: 'jsonpath={.a}' }],
    ['get pods -Aw', { args: ['get', 'pods'], all: true, watch: true }],
    ['get pods -Awoname', { args: ['get', 'pods'], all: true, watch: true, output: 'name' }],
    ['get pods -A=false', { args: ['get', 'pods'], all: false }],
    ['get pods --all-namespaces=false', { args: ['get', 'pods'], all: false }],
    ['get pods --all-namespaces=T', { args: ['get', 'pods'], all: true }],
    ['get pods --show-labels false', { args: ['get', 'pods', 'false'], showLabels: true }],
    ['get pods --server-print=0', { args: ['get', 'pods'], serverPrint: false }],
    ['get pods -n a -n b', { args: ['get', 'pods'], namespace: 'b' }],
    ['get pods -- -n x', { args: ['get', 'pods', '-n', 'x'] }],
    ['get - pods', { args: ['get', '-', 'pods'] }],
    ['get pods --chunk-size=0x10', { args: ['get', 'pods'], chunk: 16 }],
    ['get pods --chunk-size 010', { args: ['get', 'pods'], chunk: 8 }],
    ['get pods --chunk-size=1_000', { args: ['get', 'pods'], chunk: 1000 }],
    ['get pods --chunk-size=-1', { args: ['get', 'pods'], chunk: -1 }],
    ['get pods', { args: ['get', 'pods'], chunk: 500, serverPrint: true, columns: [] }],
    ['get -L a -L b,c', { args: ['get'], columns: ['a', 'b', 'c'] }],
    ['get -La,"b,c"', { args: ['get'], columns: ['a', 'b,c'] }],
    ['get --as-group=a,b --as-group c', { args: ['get'], groups: ['a,b', 'c'] }],
    ['get -v=6', { args: ['get'], v: 6 }],
    ['get -v 6', { args: ['get'], v: 6 }],
    ['get --v=8', { args: ['get'], v: 8 }],
    ['get -v6', { args: ['get'], v: 6 }],
    ['get --help', { args: ['get'], help: true }],
    ['get -h', { args: ['get'], help: true }],
    ['get -hA', { args: ['get'], help: true, all: true }],
  ])('%s', (line, want) => {
    const result = parseFlags(SPECS, line.split(' '));
    if ('error' in result) throw new Error(result.error);
    const got: Expected = {};
    if (want.args !== undefined) got.args = result.args;
    if (want.namespace !== undefined) got.namespace = result.values.string('namespace');
    if (want.output !== undefined) got.output = result.values.string('output');
    if (want.all !== undefined) got.all = result.values.bool('all-namespaces');
    if (want.watch !== undefined) got.watch = result.values.bool('watch');
    if (want.showLabels !== undefined) got.showLabels = result.values.bool('show-labels');
    if (want.serverPrint !== undefined) got.serverPrint = result.values.bool('server-print');
    if (want.chunk !== undefined) got.chunk = result.values.int('chunk-size');
    if (want.columns !== undefined) got.columns = [...result.values.strings('label-columns')];
    if (want.groups !== undefined) got.groups = [...result.values.strings('as-group')];
    if (want.v !== undefined) got.v = result.values.int('v');
    if (want.help !== undefined) got.help = result.help;
    expect(got).toEqual(want);
  });

  it.each([
    ['get --foo', 'unknown flag: --foo'],
    ['get --foo=bar', 'unknown flag: --foo'],
    ['get -z', "unknown shorthand flag: 'z' in -z"],
    ['get -Az', "unknown shorthand flag: 'z' in -z"],
    ['get -zA', "unknown shorthand flag: 'z' in -zA"],
    ['get pods --namespace', 'flag needs an argument: --namespace'],
    ['get pods -n', "flag needs an argument: 'n' in -n"],
    ['get pods -An', "flag needs an argument: 'n' in -n"],
    ['get pods ---foo', 'bad flag syntax: ---foo'],
    ['get pods --=x', 'bad flag syntax: --=x'],
    [
      'get pods --all-namespaces=maybe',
      'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [
      'get pods -w=maybe',
      'invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [
      'get pods --show-labels=x',
      'invalid argument "x" for "--show-labels" flag: strconv.ParseBool: parsing "x": invalid syntax',
    ],
    [
      'get pods --chunk-size=x',
      'invalid argument "x" for "--chunk-size" flag: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    [
      'get pods --chunk-size=99999999999999999999',
      'invalid argument "99999999999999999999" for "--chunk-size" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range',
    ],
    [
      'get pods -v=x',
      'invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    [
      'get pods -v=4294967296',
      'invalid argument "4294967296" for "-v, --v" flag: strconv.ParseInt: parsing "4294967296": value out of range',
    ],
    [
      'get pods -v=0x10',
      'invalid argument "0x10" for "-v, --v" flag: strconv.ParseInt: parsing "0x10": invalid syntax',
    ],
    [
      'get -L a,"b',
      'invalid argument "a,\\"b" for "-L, --label-columns" flag: parse error on line 1, column 5: extraneous or missing " in quoted-field',
    ],
    [
      'get -L a,b"c',
      'invalid argument "a,b\\"c" for "-L, --label-columns" flag: parse error on line 1, column 4: bare " in non-quoted-field',
    ],
    [
      'get -L "a"x',
      'invalid argument "\\"a\\"x" for "-L, --label-columns" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field',
    ],
    ['get --help --foo', 'unknown flag: --foo'],
  ])('%s fails: %s', (line, error) => {
    expect(parseFlags(SPECS, line.split(' '))).toEqual({ error });
  });
});

describe('nonFlagPositions (command lookup before parsing)', () => {
  it.each([
    ['get pods', ['get', 'pods']],
    ['-n kube-system get pods', ['get', 'pods']],
    ['--namespace kube-system get', ['get']],
    ['--namespace=kube-system get', ['get']],
    ['-A get', ['get']],
    ['--foo get pods', ['pods']],
    ['-z get pods', ['pods']],
    ['-n x', []],
    ['get -- x', ['get']],
    ['-h get', []],
  ])('%s', (line, words) => {
    const specs = SPECS.filter((s) => s.name !== 'help');
    const argv = line.split(' ');
    expect(nonFlagPositions(specs, argv).map((i) => argv[i])).toEqual(words);
  });
});
