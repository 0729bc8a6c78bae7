/**
 * The differential test: every command line below runs through the real kubectl and
 * through the in-page kubectl (over HTTP, against the same served cluster), one right after
 * the other, and both must print the same stdout and stderr and exit with the same code,
 * apart from ages. Lines that change the kubeconfig run through both, so both kubeconfigs
 * stay alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kubectlOrSkip, startApiserver, type RunningApiserver } from '../server/harness';
import { HttpTransport } from './client/http';
import { Kubeconfig, type KubeconfigData } from './kubeconfig';
import { Kubectl } from './kubectl';
import { tokenize } from './shell/tokenize';
import type { VersionInfo } from './version';

const kubectlPath = kubectlOrSkip();

/** The command lines, in the order they run (some change the kubeconfig for the next ones). */
const LINES = [
  // get: tables, namespaces, wide, labels
  'kubectl get pods',
  'kubectl get pods -A',
  'kubectl get pods --all-namespaces -o wide',
  'kubectl get pods -n kube-system',
  'kubectl get po -nkube-system',
  'kubectl -n kube-system get pods',
  'kubectl get nodes',
  'kubectl get nodes -o wide',
  'kubectl get no -A',
  'kubectl get ns',
  'kubectl get namespaces --show-labels',
  'kubectl get ns -L kubernetes.io/metadata.name -L missing',
  'kubectl get ns -Lkubernetes.io/metadata.name,missing --no-headers',
  'kubectl get svc -A',
  'kubectl get services -n kube-system -o wide',
  'kubectl get ds,deploy,rs -n kube-system',
  'kubectl get deploy,rs -A --no-headers',
  'kubectl get all -n kube-system',
  'kubectl get all -A',
  'kubectl get all,ns',
  'kubectl get pods,nodes -A',
  'kubectl get no,ns',
  'kubectl get svc,deploy -A -o wide',
  'kubectl get ns --show-kind',
  'kubectl get pods -A -L k8s-app --show-labels',
  'kubectl get deployments.apps -n kube-system',
  'kubectl get deployments.v1.apps -n kube-system',
  'kubectl get deploy.apps -n kube-system',
  'kubectl get Deployment.apps -n kube-system',
  'kubectl get PODS -n kube-system',
  'kubectl get pod -n kube-system -l k8s-app=kube-dns',
  'kubectl get pods -A --selector=tier=control-plane --show-kind',
  'kubectl get pods -A -l tier=control-plane --field-selector spec.nodeName=control-plane',
  'kubectl get pods -A --field-selector=status.phase!=Running',
  'kubectl get pods -A --sort-by=.metadata.name',
  'kubectl get pods -n kube-system --sort-by={.spec.nodeName}',
  'kubectl get nodes --sort-by=.metadata.name --no-headers',
  'kubectl get pods -A --sort-by=.status.podIP -o wide',
  'kubectl get pods -A -o wide --sort-by=.spec.nodeName',
  'kubectl get pods -A --sort-by=.metadata.creationTimestamp',
  'kubectl get pods -A --sort-by=.status.phase --no-headers',
  'kubectl get pods,svc -A --sort-by=.metadata.name',
  'kubectl get pods,svc -n kube-system --sort-by=.metadata.resourceVersion',
  'kubectl get pods -n kube-system --sort-by=.metadata.nope',
  'kubectl get svc -n default --sort-by=.nope',
  'kubectl get ns default kube-system --sort-by=.metadata.name',
  'kubectl get ns default kube-system --sort-by=.kind',
  'kubectl get pods -n kube-system --sort-by=.metadata.name --chunk-size=2',
  'kubectl get ns default kube-system',
  'kubectl get ns/default svc/kubernetes',
  'kubectl get namespace default namespace/kube-public',
  'kubectl get svc kubernetes --show-labels',
  'kubectl get pods,svc -n kube-system --no-headers',
  'kubectl get pods --chunk-size=2 -n kube-system',
  'kubectl get cm -n kube-system --chunk-size=0',
  'kubectl get ev -n nowhere',
  'kubectl get pods -n nowhere',
  'kubectl get nodes -l nosuch=1',
  'kubectl get pods -A -l nosuch=1',
  // get -o
  'kubectl get ns default -o yaml',
  'kubectl get ns default kube-public -o json',
  'kubectl get ns -o name',
  'kubectl get deploy -A -o name',
  "kubectl get ns default -o jsonpath='{.metadata.name}'",
  'kubectl get svc -A -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP',
  'kubectl get nodes -o custom-columns=NAME:.metadata.name --no-headers --sort-by=.metadata.name',
  'kubectl get ns -o yaml --sort-by=.metadata.name',
  // get errors
  'kubectl get',
  'kubectl get -A',
  'kubectl get foo',
  'kubectl get foo.bar',
  'kubectl get pods,foo',
  'kubectl get PO',
  'kubectl get pods nosuch',
  'kubectl get pods nosuch1 nosuch2',
  'kubectl get pods,svc nosuch',
  'kubectl get svc/kubernetes pods/nosuch ns/default',
  'kubectl get pods nosuch --ignore-not-found',
  'kubectl get pods nosuch -o yaml',
  'kubectl get pods/x y',
  'kubectl get pods/a/b',
  'kubectl get /x',
  'kubectl get pods x -A',
  'kubectl get pods/x -A',
  'kubectl get all kubernetes',
  'kubectl get pods x -l a=b',
  'kubectl get pods/x -l a=b',
  "kubectl get pods -l 'a in (b'",
  'kubectl get pods --field-selector foo=bar',
  'kubectl get pods -o foo',
  'kubectl get ns -o custom-columns=',
  'kubectl get pods --show-labels -o yaml',
  'kubectl get pods --output-watch-events',
  'kubectl get pods -A --sort-by=.metadata.nope',
  'kubectl get ns --raw /api/v1/namespaces/default',
  'kubectl get --raw /api/v1/namespaces/nosuch',
  'kubectl get --raw api',
  'kubectl get -w',
  'kubectl get pods,svc -w',
  // flags and commands
  'kubectl get --foo',
  'kubectl get -z',
  'kubectl get pods -Az',
  'kubectl get pods -n',
  'kubectl get pods --namespace',
  'kubectl get pods ---foo',
  'kubectl get pods --chunk-size=x',
  'kubectl get pods --all-namespaces=maybe',
  'kubectl get pods -v=x',
  'kubectl get ns -- -x',
  'kubectl --foo get pods',
  'kubectl -n x foo',
  'kubectl zzzzzz',
  'kubectl verison',
  'kubectl api-resource',
  'kubectl confg',
  'kubectl --foo',
  // version, discovery, cluster-info
  'kubectl version',
  'kubectl version -o json',
  'kubectl version -o yaml',
  'kubectl version --client',
  'kubectl version extra',
  'kubectl version -o foo',
  'kubectl api-versions',
  'kubectl api-versions extra',
  'kubectl api-resources',
  'kubectl api-resources -o wide',
  'kubectl api-resources -o name',
  'kubectl api-resources --namespaced=false',
  'kubectl api-resources --api-group=apps --no-headers',
  'kubectl api-resources --sort-by=kind',
  'kubectl api-resources --sort-by=name --verbs=list,watch',
  'kubectl api-resources --categories=all',
  'kubectl api-resources --cached',
  'kubectl api-resources extra',
  'kubectl api-resources -o foo',
  'kubectl api-resources --sort-by=foo',
  'kubectl cluster-info',
  'kubectl cluster-info -n default',
  // config, and the kubeconfig's effect on later commands
  'kubectl config view',
  'kubectl config view -o json',
  'kubectl config view --minify',
  'kubectl config view --raw',
  'kubectl config view -o name',
  "kubectl config view -o jsonpath='{.contexts[0].name}'",
  'kubectl config view -o wide',
  'kubectl config view extra',
  'kubectl config view --minify --context=nope',
  'kubectl config get-contexts',
  'kubectl config get-contexts -o name',
  'kubectl config get-contexts --no-headers',
  'kubectl config get-contexts nope',
  'kubectl config get-contexts -o wide',
  'kubectl config current-context',
  'kubectl config use-context nope',
  'kubectl config use nope',
  'kubectl config foo',
  'kubectl config set-context',
  'kubectl config set-context a --current',
  'kubectl config set-context --current -n foo',
  'kubectl config set-context --current --namespace=kube-system',
  'kubectl get pods',
  'kubectl get deploy',
  'kubectl config get-contexts',
  'kubectl config set-context --current --namespace=default',
  'kubectl get pods',
  'kubectl --context=nope get ns',
  'kubectl --context=nope get ns -n x',
  'kubectl --context=nope version',
  'kubectl --cluster=nope get ns',
  'kubectl --user=nope get ns',
  'kubectl --user=nope api-resources',
  'kubectl get ns --request-timeout=abc',
  'kubectl get ns --request-timeout=5s',
  'kubectl get ns --request-timeout=1',
];

/** A kubectl age (`59s`, `5m10s`, `3h`, `2d4h`, `1y`), as the printers write durations. */
const AGE = /\b\d+[smhdy](?:\d+[smhd])?\b/g;

/**
 * Output with ages replaced by `<age>`, and the padding after an age cell (or the AGE
 * header) reduced to one space: the two runs may see ages of different widths.
 */
function normalizeAges(text: string): string {
  return text.replace(AGE, '<age>').replace(/(<age>|\bAGE\b|LAST SEEN) +/g, '$1 ');
}

describe.skipIf(kubectlPath === null)('in-page kubectl against real kubectl', { timeout: 300_000 }, () => {
  let api: RunningApiserver;
  let inPage: Kubectl;

  beforeAll(async () => {
    api = await startApiserver(kubectlPath ?? '');
    // Let the addons settle, so both runs see the same cluster: every pod running, the
    // metrics API available.
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
    inPage = new Kubectl({
      transport: new HttpTransport(api.url, token),
      kubeconfig: new Kubeconfig(data),
      now: () => Date.now(),
      clientVersion: client.clientVersion,
    });
  }, 120_000);
  afterAll(() => api?.stop());

  it.each(LINES)('%s', async (line) => {
    const tokens = tokenize(line);
    if (!('words' in tokens)) throw new Error(tokens.error);
    const real = await api.kubectl(tokens.words.slice(1));
    const ours = await inPage.collect(line);
    expect({
      stdout: normalizeAges(ours.stdout),
      stderr: normalizeAges(ours.stderr),
      code: ours.code,
    }).toEqual({
      stdout: normalizeAges(real.stdout),
      stderr: normalizeAges(real.stderr),
      code: real.code,
    });
  });
});
