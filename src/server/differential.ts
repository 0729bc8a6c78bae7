/**
 * Test support for differential tests: one served cluster, the real kubectl and the in-page
 * kubectl (over HTTP, with the same kubeconfig and client version) side by side, so a test
 * can run a command line through both and compare what they print, apart from ages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { HttpTransport } from '../kubectl/client/http';
import type { KubectlEditor } from '../kubectl/io/input';
import type { KubectlResult } from '../kubectl/io/output';
import { Kubeconfig, type KubeconfigData } from '../kubectl/kubeconfig';
import { Kubectl } from '../kubectl/kubectl';
import { tokenize } from '../kubectl/shell/tokenize';
import type { VersionInfo } from '../kubectl/version';
import {
  eventually,
  startApiserver,
  type KubectlResult as RealResult,
  type RunningApiserver,
} from './harness';
import { nodeWebSocket } from './websocket-client';

/** A served cluster with both kubectls pointed at it. */
export interface Differential {
  readonly api: RunningApiserver;
  readonly inPage: Kubectl;
  /**
   * Runs `line` (starting with `kubectl`) through the real kubectl, then the in-page one,
   * each with `options.stdin` piped in (and the real one with `options.env` added).
   */
  both(line: string, options?: LineOptions): Promise<{ real: RealResult; ours: KubectlResult }>;
  /** Runs `line` through one of the two kubectls. */
  one(who: 'real' | 'ours', line: string, options?: LineOptions): Promise<KubectlResult>;
  /** Writes a file that both kubectls read at the path returned (an absolute path). */
  file(name: string, content: string): string;
  /** The editor the in-page kubectl's `edit` opens from now on (the real one runs $EDITOR). */
  setEditor(editor: KubectlEditor | undefined): void;
  /**
   * For lines that change the cluster: runs `line` through the real kubectl, puts the
   * cluster back with the `reset` lines (run through the real kubectl), runs `line`
   * through the in-page one, and resets again, so both start from the same state.
   */
  paired(
    line: string,
    reset: readonly string[],
    options?: LineOptions,
  ): Promise<{ real: RealResult; ours: KubectlResult }>;
  stop(): Promise<void>;
}

/** How a line runs in a differential test: stdin for both, environment for the real kubectl. */
export interface LineOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
}

/** A kubectl age (`59s`, `5m10s`, `3h`, `2d4h`, `1y`), as the printers write durations. */
const AGE = /\b\d+[smhdy](?:\d+[smhd])?\b/g;

/**
 * Output with ages replaced by `<age>`, and the padding after an age cell (or the AGE
 * header) reduced to one space: the two runs may see ages of different widths.
 */
export function normalizeAges(text: string): string {
  return text.replace(AGE, '<age>').replace(/(<age>|\bAGE\b|LAST SEEN) +/g, '$1 ');
}

/**
 * Output with what differs between two equal objects made one after the other replaced:
 * uids, resource versions, timestamps, klog line headers and kubectl edit's file names.
 */
export function normalizeObjects(text: string): string {
  return normalizeAges(text)
    .replace(
      /(uid|resourceVersion|creationTimestamp|time|generation|restartedAt)(": |: )"?[^",\n]*"?/g,
      '$1$2X',
    )
    .replace(/^[IWE]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ /gm, 'KLOG ')
    .replace(/kubectl-edit-\d+/g, 'kubectl-edit-N');
}

/**
 * Starts the apiserver (with `args`), waits until the addons settle (every pod running, the
 * metrics API served) so both kubectls see the same cluster, and builds the in-page kubectl.
 */
export async function startDifferential(
  kubectlPath: string,
  args: readonly string[] = [],
): Promise<Differential> {
  const api = await startApiserver(kubectlPath, args);
  await eventually(api, ['api-versions'], (out) => out.includes('metrics.k8s.io/v1beta1'));
  await eventually(
    api,
    ['get', 'pods', '-A', '--no-headers'],
    (out) =>
      out.trim() !== '' &&
      out
        .trim()
        .split('\n')
        .every((l) => /\s1\/1\s+Running\s/.test(l)),
  );
  const data = load(readFileSync(path.join(api.dir, 'kubeconfig'), 'utf8')) as KubeconfigData;
  const token = data.users[0]?.user.token as string;
  const client = JSON.parse((await api.kubectl(['version', '--client', '-o', 'json'])).stdout) as {
    clientVersion: VersionInfo;
  };
  const files = new Map<string, string>();
  let editor: KubectlEditor | undefined;
  const inPage = new Kubectl({
    transport: new HttpTransport(api.url, token, { webSocket: nodeWebSocket }),
    kubeconfig: new Kubeconfig(data),
    now: () => Date.now(),
    clientVersion: client.clientVersion,
    files: { read: (file) => files.get(file) },
    editor: {
      edit: (text, name) => {
        if (editor === undefined) throw new Error('no editor set for this differential test');
        return editor.edit(text, name);
      },
    },
  });
  const one = async (who: 'real' | 'ours', line: string, options: LineOptions = {}) => {
    const tokens = tokenize(line);
    if (!('words' in tokens)) throw new Error(tokens.error);
    if (who === 'ours')
      return inPage.collect(line, options.stdin === undefined ? {} : { stdin: options.stdin });
    return api.kubectl(tokens.words.slice(1), options);
  };
  return {
    api,
    inPage,
    async both(line, options = {}) {
      const real = await one('real', line, options);
      const ours = await one('ours', line, options);
      return { real, ours };
    },
    one,
    file(name, content) {
      const file = api.file(name, content);
      files.set(file, content);
      return file;
    },
    setEditor(next) {
      editor = next;
    },
    async paired(line, reset, options = {}) {
      const real = await one('real', line, options);
      for (const r of reset) await one('real', r);
      const ours = await one('ours', line, options);
      for (const r of reset) await one('real', r);
      return { real, ours };
    },
    stop: () => api.stop(),
  };
}
