/**
 * Tab completion for kubectl lines, as kubectl v1.32's own (`kubectl __complete`) answers:
 * commands and subcommands with their descriptions, flags, flag values (namespaces, `-o`
 * formats, containers), resource types from discovery and object names from the live
 * cluster. Candidates use cobra's format: `value`, or `value<TAB>description`.
 */
import { COMMANDS, subcommandsOf } from './kubectl-commands';
import { qualifiedName, type ClusterLookups, type ResourceType } from './cluster-lookups';
import { flagsOf, parseLine, type ParsedLine } from './command-line';

/** What completion offers: candidates for the text from `replaceFrom` to the cursor. */
export interface Completion {
  readonly candidates: readonly string[];
  readonly replaceFrom: number;
}

/** The prefixes `kubectl logs <Tab>` offers besides pod names. */
const POD_OWNER_PREFIXES = [
  'daemonsets/',
  'deployments/',
  'pods/',
  'jobs/',
  'replicasets/',
  'replicationcontrollers/',
  'services/',
  'statefulsets/',
];

/** Commands whose arguments are a type, then names of it (or `type/name`). */
const TYPE_AND_NAMES = new Set([
  'get',
  'describe',
  'delete',
  'edit',
  'label',
  'annotate',
  'patch',
  'apply edit-last-applied',
  'apply view-last-applied',
]);

/** Commands that take one of a few types, then names: `repeat` allows several names. */
const CHOSEN_TYPES: Readonly<Record<string, { types: readonly string[]; repeat: boolean }>> = {
  scale: { types: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'], repeat: true },
  autoscale: { types: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'], repeat: true },
  expose: { types: ['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset'], repeat: true },
  taint: { types: ['node'], repeat: true },
  'rollout history': { types: ['deployment', 'daemonset', 'statefulset'], repeat: false },
  'rollout restart': { types: ['deployment', 'daemonset', 'statefulset'], repeat: false },
  'rollout status': { types: ['deployment', 'daemonset', 'statefulset'], repeat: false },
  'rollout undo': { types: ['deployment', 'daemonset', 'statefulset'], repeat: false },
  'rollout pause': { types: ['deployment'], repeat: false },
  'rollout resume': { types: ['deployment'], repeat: false },
  'set image': {
    types: [
      'daemonsets',
      'deployments',
      'pods',
      'cronjobs',
      'replicasets',
      'replicationcontrollers',
      'statefulsets',
    ],
    repeat: false,
  },
};

/** Commands whose one argument is the name of an object of a fixed type. */
const NAME_OF: Readonly<Record<string, string>> = {
  cordon: 'nodes',
  uncordon: 'nodes',
  drain: 'nodes',
  'top node': 'nodes',
  'top pod': 'pods',
};

/** Commands whose first argument is a pod, or `type/name` of something that has pods. */
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward']);

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

/** Completes kubectl command lines against one cluster. */
export class Completer {
  readonly #cluster: ClusterLookups;

  constructor(cluster: ClusterLookups) {
    this.#cluster = cluster;
  }

  /** The candidates for the word before `cursor` in `line`, which must start with `kubectl`. */
  complete(line: string, cursor: number): Completion {
    const parsed = parseLine(line.slice(0, cursor));
    if (parsed === null) return { candidates: [], replaceFrom: cursor };
    const { current } = parsed;
    const word = current.text;
    if (parsed.pendingFlag !== null) return this.#flagValue(parsed, parsed.pendingFlag.name, word, cursor);
    const eq = word.indexOf('=');
    if (word.startsWith('-') && eq > 0) {
      const name = word.startsWith('--') ? word.slice(2, eq) : word.slice(1, eq);
      const flag = flagsOf(parsed.path).find((f) => f.name === name || f.shorthand === name);
      return this.#flagValue(parsed, flag?.name ?? '', word.slice(eq + 1), cursor - (word.length - eq - 1));
    }
    const replaceFrom = current.start;
    const matching = (candidates: readonly string[]) => ({
      candidates: candidates.filter((c) => c.startsWith(word)),
      replaceFrom,
    });
    if (word.startsWith('-')) {
      const required = this.#unsetRequired(parsed).filter((f) => f.startsWith(word));
      return matching(required.length > 0 ? required : flagNames(parsed, word.startsWith('--')));
    }
    const subcommands = subcommandsOf(parsed.path);
    if (subcommands.length > 0 && parsed.args.length === 0)
      return matching(subcommands.map((c) => `${c.path.split(' ').at(-1)}\t${c.about}`));
    return matching([...this.#unsetRequired(parsed), ...this.#arguments(parsed, word)]);
  }

  /** The command's required flags not given yet: cobra offers only these while any matches. */
  #unsetRequired(parsed: ParsedLine): string[] {
    return (COMMANDS.get(parsed.path)?.required ?? []).filter((f) => !parsed.flags.has(f.slice(2)));
  }

  #flagValue(parsed: ParsedLine, flag: string, word: string, replaceFrom: number): Completion {
    let values: string[] = [];
    if (flag === 'namespace') values = this.#names('namespaces', 'default');
    else if (flag === 'output') values = [...(COMMANDS.get(parsed.path)?.outputFormats ?? [])];
    else if (flag === 'container' && POD_COMMANDS.has(parsed.path)) values = this.#containers(parsed);
    return { candidates: values.filter((v) => v.startsWith(word)), replaceFrom };
  }

  #arguments(parsed: ParsedLine, word: string): string[] {
    const { path, args } = parsed;
    const namespace = parsed.flags.get('namespace') || 'default';
    if (path === 'help')
      return args.length === 0 ? subcommandsOf('').map((c) => `${c.path}\t${c.about}`) : [];
    if (path === 'completion') return args.length === 0 ? SHELLS : [];
    const nameType = NAME_OF[path];
    if (nameType !== undefined) return args.length === 0 ? this.#names(nameType, namespace) : [];
    if (POD_COMMANDS.has(path)) {
      if (args.length === 0)
        return word.includes('/')
          ? this.#typedNames(word, namespace, [])
          : [...this.#names('pods', namespace), ...POD_OWNER_PREFIXES];
      return path === 'logs' && args.length === 1 ? this.#containers(parsed) : [];
    }
    const chosen = CHOSEN_TYPES[path];
    if (TYPE_AND_NAMES.has(path) || chosen !== undefined) {
      const typeWords = chosen?.types ?? this.#cluster.resourceTypes().filter(canGet).map(qualifiedName);
      const first = args[0];
      if (word.includes('/')) return this.#typedNames(word, namespace, args);
      if (first === undefined) return [...typeWords];
      if (first.includes('/'))
        return chosen !== undefined && !chosen.repeat ? [] : typeWords.map((t) => `${t}/`);
      if (chosen !== undefined && !chosen.repeat && args.length > 1) return [];
      const types = this.#cluster.resolve(first);
      return types.flatMap((t) => this.#cluster.names(t, namespace)).filter((n) => !args.includes(n));
    }
    return [];
  }

  /** `type/name` candidates for a word like `deploy/w`, leaving out those already given. */
  #typedNames(word: string, namespace: string, given: readonly string[]): string[] {
    const typeWord = word.slice(0, word.indexOf('/'));
    return this.#cluster
      .resolve(typeWord)
      .flatMap((t) => this.#cluster.names(t, namespace))
      .map((n) => `${typeWord}/${n}`)
      .filter((c) => !given.includes(c));
  }

  #names(typeWord: string, namespace: string): string[] {
    return this.#cluster.resolve(typeWord).flatMap((t) => this.#cluster.names(t, namespace));
  }

  #containers(parsed: ParsedLine): string[] {
    const pod = parsed.args[0];
    if (pod === undefined || pod.includes('/')) return [];
    return this.#cluster.containers(pod, parsed.flags.get('namespace') || 'default');
  }
}

const canGet = (t: ResourceType) => t.verbs.includes('get');

/**
 * Flag candidates: `--name` for each flag not given yet (list flags may come again), and
 * `-x` for shorthands unless `--` was typed.
 */
function flagNames(parsed: ParsedLine, longOnly: boolean): string[] {
  const available = flagsOf(parsed.path).filter((f) => f.repeatable === true || !parsed.flags.has(f.name));
  return available.flatMap((f) => [
    `--${f.name}`,
    ...(f.shorthand === null || longOnly ? [] : [`-${f.shorthand}`]),
  ]);
}
