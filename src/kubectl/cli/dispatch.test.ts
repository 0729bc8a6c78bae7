import { describe, expect, it } from 'vitest';
import { refusing } from '../client/transport';
import { root } from '../cmd/root';
import type { Command } from '../cmd/types';
import { Kubectl } from '../kubectl';

/** A kubectl whose server is unreachable: enough for everything that does not call it. */
const offline = () => new Kubectl({ transport: refusing('https://127.0.0.1:6443'), now: () => 0 });

/** `kubectl --help` of kubectl v1.32, as the real client prints it. */
const REAL_ROOT_HELP = [
  'kubectl controls the Kubernetes cluster manager.',
  '',
  ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
  '',
  'Basic Commands (Beginner):',
  '  create          Create a resource from a file or from stdin',
  '  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  '  run             Run a particular image on the cluster',
  '  set             Set specific features on objects',
  '',
  'Basic Commands (Intermediate):',
  '  explain         Get documentation for a resource',
  '  get             Display one or many resources',
  '  edit            Edit a resource on the server',
  '  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector',
  '',
  'Deploy Commands:',
  '  rollout         Manage the rollout of a resource',
  '  scale           Set a new size for a deployment, replica set, or replication controller',
  '  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller',
  '',
  'Cluster Management Commands:',
  '  certificate     Modify certificate resources',
  '  cluster-info    Display cluster information',
  '  top             Display resource (CPU/memory) usage',
  '  cordon          Mark node as unschedulable',
  '  uncordon        Mark node as schedulable',
  '  drain           Drain node in preparation for maintenance',
  '  taint           Update the taints on one or more nodes',
  '',
  'Troubleshooting and Debugging Commands:',
  '  describe        Show details of a specific resource or group of resources',
  '  logs            Print the logs for a container in a pod',
  '  attach          Attach to a running container',
  '  exec            Execute a command in a container',
  '  port-forward    Forward one or more local ports to a pod',
  '  proxy           Run a proxy to the Kubernetes API server',
  '  cp              Copy files and directories to and from containers',
  '  auth            Inspect authorization',
  '  debug           Create debugging sessions for troubleshooting workloads and nodes',
  '  events          List events',
  '',
  'Advanced Commands:',
  '  diff            Diff the live version against a would-be applied version',
  '  apply           Apply a configuration to a resource by file name or stdin',
  '  patch           Update fields of a resource',
  '  replace         Replace a resource by file name or stdin',
  '  wait            Experimental: Wait for a specific condition on one or many resources',
  '  kustomize       Build a kustomization target from a directory or URL',
  '',
  'Settings Commands:',
  '  label           Update the labels on a resource',
  '  annotate        Update the annotations on a resource',
  '  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
  '',
  'Subcommands provided by plugins:',
  '',
  'Other Commands:',
  '  api-resources   Print the supported API resources on the server',
  '  api-versions    Print the supported API versions on the server, in the form of "group/version"',
  '  config          Modify kubeconfig files',
  '  plugin          Provides utilities for interacting with plugins',
  '  version         Print the client and server version information',
  '',
  'Usage:',
  '  kubectl [flags] [options]',
  '',
  'Use "kubectl <command> --help" for more information about a given command.',
  'Use "kubectl options" for a list of global command-line options (applies to all commands).',
];

/**
 * The real root help with only the commands this kubectl has: the others' lines left out,
 * and the groups left empty (and the plugins' section, which this kubectl has no plugins for).
 */
function realRootHelp(commands: readonly Command[]): string {
  const names = new Set(commands.map((c) => c.name));
  const kept = REAL_ROOT_HELP.filter((line) => {
    const command = /^ {2}(\S+) {2,}/.exec(line)?.[1];
    return command === undefined || names.has(command);
  });
  const out: string[] = [];
  for (const [i, line] of kept.entries()) {
    const title = line.endsWith(':') && !line.startsWith(' ');
    if (title && (kept[i + 1] ?? '') === '' && line !== 'Usage:') continue;
    if (line === '' && out.at(-1) === '') continue;
    out.push(line);
  }
  return `${out.join('\n')}\n`;
}

describe('the command line', () => {
  it.each([
    ['', { stdout: '', stderr: '', code: 0 }],
    ['   # only a comment', { stdout: '', stderr: '', code: 0 }],
    ['ls -l', { stdout: '', stderr: 'ls: command not found (this terminal runs kubectl)\n', code: 127 }],
    [
      'kubectl get pods | grep web',
      { stdout: '', stderr: 'pipes (|) are not supported here: type one command per line\n', code: 2 },
    ],
    ["kubectl get 'pods", { stdout: '', stderr: "unexpected EOF while looking for matching `''\n", code: 2 }],
  ])('%j', async (line, result) => {
    expect(await offline().collect(line)).toEqual(result);
  });
});

describe('dispatch (cobra and kubectl’s root)', () => {
  it.each([
    ['kubectl foo', 'Error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n\n'],
    [
      'kubectl verison',
      'Error: unknown command "verison" for "kubectl"\n\nDid you mean this?\n\tversion\n\n',
    ],
    ['kubectl list', 'Error: unknown command "list" for "kubectl"\n\nDid you mean this?\n\tget\n\twait\n\n'],
    [
      'kubectl api',
      'Error: unknown command "api" for "kubectl"\n\nDid you mean this?\n\tapi-versions\n\tapi-resources\n\n',
    ],
    ['kubectl --foo get pods', 'Error: flags cannot be placed before plugin name: --foo\n'],
    ['kubectl -n x foo', 'Error: flags cannot be placed before plugin name: -n\n'],
    ['kubectl --foo', "Error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n"],
    ['kubectl get --foo', "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    [
      'kubectl config view --foo',
      "Error: unknown flag: --foo\nSee 'kubectl config view --help' for usage.\n",
    ],
    [
      'kubectl get pods -n',
      "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
    ],
    [
      'kubectl config set-context --current -n foo',
      "Error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n",
    ],
    ['kubectl config foo', 'error: unknown command "foo"\nSee \'kubectl config -h\' for help and examples\n'],
  ])('%s', async (line, stderr) => {
    expect(await offline().collect(line)).toEqual({ stdout: '', stderr, code: 1 });
  });

  it('finds the command after global flags with values', async () => {
    const result = await offline().collect('kubectl -n kube-system --context nope config current-context');
    expect(result).toEqual({ stdout: 'kubernetes-admin@kubelab\n', stderr: '', code: 0 });
  });

  it('runs a command by its alias', async () => {
    const kubectl = offline();
    kubectl.kubeconfig.data.contexts.push({
      name: 'other',
      context: { cluster: 'kubelab', user: 'kubernetes-admin' },
    });
    expect(await kubectl.collect('kubectl config use other')).toEqual({
      stdout: 'Switched to context "other".\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('help', () => {
  it('kubectl alone prints the root help, grouped as kubectl groups commands', async () => {
    const result = await offline().collect('kubectl');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(realRootHelp(root.subcommands ?? []));
    expect((await offline().collect('kubectl --help')).stdout).toBe(result.stdout);
    expect((await offline().collect('kubectl -n x')).stdout).toBe(result.stdout);
  });

  it('a command’s help: description, examples, sorted options, usage, hints', async () => {
    const { stdout, code } = await offline().collect('kubectl version --help');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Print the client and server version information for the current context.',
        '',
        'Examples:',
        '  # Print the client and server versions for the current context',
        '  kubectl version',
        '',
        'Options:',
        '    --client=false:',
        '\tIf true, shows client version only (no server required).',
        '',
        "    -o, --output='':",
        "\tOne of 'yaml' or 'json'.",
        '',
        'Usage:',
        '  kubectl version [flags] [options]',
        '',
        'Use "kubectl options" for a list of global command-line options (applies to all commands).',
        '',
      ].join('\n'),
    );
    expect((await offline().collect('kubectl help version')).stdout).toBe(stdout);
    expect((await offline().collect('kubectl version -h --client')).stdout).toBe(stdout);
  });

  it('examples keep blank lines indented, as kubectl prints them', async () => {
    const { stdout } = await offline().collect('kubectl get -h');
    expect(stdout).toContain('  kubectl get pods\n  \n  # List all pods with more information');
    expect(stdout).toContain('    -A, --all-namespaces=false:\n\tIf present, list');
    expect(stdout).toContain('    --chunk-size=500:\n');
    expect(stdout).toContain('    -L, --label-columns=[]:\n');
    expect(stdout.indexOf('--all-namespaces')).toBeLessThan(stdout.indexOf('--chunk-size'));
  });

  it('a command with subcommands lists them; without one it prints its help to stderr and fails', async () => {
    const result = await offline().collect('kubectl config');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Available Commands:\n  current-context   Display the current-context\n  get-contexts      Describe one or many contexts\n',
    );
    expect(result.stderr).toContain(
      'Use "kubectl config <command> --help" for more information about a given command.\n',
    );
  });

  it('shows aliases', async () => {
    expect((await offline().collect('kubectl config use-context --help')).stdout).toContain(
      'Aliases:\nuse-context, use\n\n',
    );
  });

  it('an unknown help topic prints the root usage to stderr', async () => {
    const result = await offline().collect('kubectl help foo bar');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Unknown help topic \[`foo` `bar`\]\n\n\nBasic Commands \(Beginner\):\n/);
  });

  it('kubectl options lists the global flags', async () => {
    const { stdout } = await offline().collect('kubectl options');
    expect(stdout).toMatch(/^The following options can be passed to any command:\n\n {4}--as='':\n/);
    expect(stdout).toContain(
      "    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n",
    );
    expect(stdout).toContain("    --request-timeout='0':\n");
    expect(stdout).toMatch(/ {4}-v, --v=0:\n\tnumber for the log level verbosity\n\n$/);
  });
});
