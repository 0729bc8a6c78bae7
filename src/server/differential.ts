/**
 * Test support for differential tests: one served cluster, the real kubectl and the in-page
 * kubectl (over HTTP, with the same kubeconfig and client version) side by side, so a test
 * can run a command line through both and compare what they print, apart from ages.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { HttpTransport } from '../kubectl/client/http';
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

/** A served cluster with both kubectls pointed at it. */
export interface Differential {
  readonly api: RunningApiserver;
  readonly inPage: Kubectl;
  /** Runs `line` (starting with `kubectl`) through the real kubectl, then the in-page one. */
  both(line: string): Promise<{ real: RealResult; ours: KubectlResult }>;
  stop(): Promise<void>;
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
  const inPage = new Kubectl({
    transport: new HttpTransport(api.url, token),
    kubeconfig: new Kubeconfig(data),
    now: () => Date.now(),
    clientVersion: client.clientVersion,
  });
  return {
    api,
    inPage,
    async both(line) {
      const tokens = tokenize(line);
      if (!('words' in tokens)) throw new Error(tokens.error);
      const real = await api.kubectl(tokens.words.slice(1));
      const ours = await inPage.collect(line);
      return { real, ours };
    },
    stop: () => api.stop(),
  };
}
