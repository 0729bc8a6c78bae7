/**
 * Differential test of the commands that change existing objects: label, annotate, scale,
 * patch, set image/env, rollout, edit and delete, through the real kubectl and the in-page
 * one. A line that changes the cluster runs through the real kubectl, is undone, then runs
 * through the in-page kubectl (and is undone again). `edit` runs a sed script as the real
 * kubectl's $EDITOR and the same substitution as the in-page kubectl's editor.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeObjects, startDifferential, type Differential } from '../../server/differential';
import { kubectlOrSkip } from '../../server/harness';

const kubectlPath = kubectlOrSkip();

const SETUP = [
  'kubectl create deployment web --image=nginx:1.25',
  'kubectl create configmap lab1 --from-literal=a=b',
  'kubectl create configmap lab2 --from-literal=a=b',
  'kubectl label configmap lab1 app=web',
  'kubectl annotate configmap lab1 note=hi',
  // The cases compare a settled Deployment: its rollout must be over before they start.
  'kubectl rollout status deploy/web --timeout=120s',
];

/** One line: alone, paired with the lines that undo it, and with the edit to make. */
interface Case {
  readonly line: string;
  readonly reset?: readonly string[];
  /** A sed expression the editor applies (for `kubectl edit`). */
  readonly edit?: string;
}

const c = (line: string, reset?: readonly string[], edit?: string): Case => ({
  line,
  ...(reset === undefined ? {} : { reset }),
  ...(edit === undefined ? {} : { edit }),
});

const CASES: readonly Case[] = [
  c('kubectl label cm lab2 tier=a', ['kubectl label cm lab2 tier-']),
  c('kubectl label cm lab1 app=db'),
  c('kubectl label cm lab1 app=db --overwrite', ['kubectl label cm lab1 app=web --overwrite']),
  c('kubectl label cm lab1 app=web'),
  c('kubectl label cm lab1 app=web -o name'),
  c('kubectl label cm lab1 app-', ['kubectl label cm lab1 app=web']),
  c('kubectl label cm lab2 nope-'),
  c('kubectl label cm lab1 --list'),
  c('kubectl label cm lab1 lab2 --list'),
  c('kubectl label cm lab1'),
  c('kubectl label app=x'),
  c('kubectl label cm lab1 a=b c'),
  c('kubectl label cm lab1 a=b a-'),
  c("kubectl label cm lab1 'a=b c'"),
  c('kubectl label cm lab1 tier=x --dry-run=client -o yaml'),
  c('kubectl label cm lab1 tier=x --dry-run=server'),
  c('kubectl label cm nosuch a=b'),
  c('kubectl label cm -l app=web team=a', ['kubectl label cm lab1 team-']),
  c('kubectl annotate cm lab1 note=bye'),
  c('kubectl annotate cm lab1 note=bye --overwrite', ['kubectl annotate cm lab1 note=hi --overwrite']),
  c('kubectl annotate cm lab1 --list'),
  c('kubectl annotate cm lab1 a'),
  c('kubectl annotate cm lab1 x=y --dry-run=client -o yaml'),
  c('kubectl scale deploy web'),
  c('kubectl scale --replicas=2 deploy'),
  c('kubectl scale --replicas=2 deploy nosuch'),
  c('kubectl scale --replicas=2 deploy web', ['kubectl scale --replicas=1 deploy web']),
  c('kubectl scale --replicas=2 deploy/web deploy/nosuch', ['kubectl scale --replicas=1 deploy web']),
  c('kubectl scale --replicas=2 --current-replicas=3 deploy web'),
  c('kubectl scale --replicas=2 deploy web --dry-run=client -o yaml'),
  c('kubectl scale --replicas=2 cm lab1'),
  c('kubectl patch deploy web'),
  c(`kubectl patch deploy web -p '{}' --type=foo`),
  c(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`, ['kubectl scale deploy web --replicas=1']),
  c(`kubectl patch deploy web -p 'spec: {replicas: 3}' --type=merge`, [
    'kubectl scale deploy web --replicas=1',
  ]),
  c(`kubectl patch deploy web -p 'spec: replicas: 3'`),
  c(`kubectl patch deploy web --type=json -p '[{"op":"remove","path":"/spec/foo"}]'`),
  c(`kubectl patch deploy web --type=json -p '[{"op":"remove","path":"/spec/foo"}]' --dry-run=client`),
  c(`kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":2}}'`, [
    'kubectl scale deploy web --replicas=1',
  ]),
  c(`kubectl patch deploy nosuch -p '{}'`),
  c('kubectl set image deploy/web'),
  c(`kubectl set image deploy/web nginx=nginx:1.27 '*'=x`),
  c('kubectl set image deploy/web nope=x'),
  c('kubectl set image deploy/web nginx=nginx:1.27 --dry-run=client -o name'),
  c('kubectl set image cm/lab1 nginx=x'),
  c('kubectl set env deploy/web --list'),
  c('kubectl set env deploy/web A=1 B=2 --dry-run=server'),
  c('kubectl set env deploy/web 1A=x'),
  c('kubectl rollout status deploy/web'),
  c('kubectl rollout status deploy/web --watch=false'),
  c('kubectl rollout status pod/x'),
  c('kubectl rollout status cm/lab1'),
  c('kubectl rollout history deploy/web'),
  c('kubectl rollout history deploy/web --revision=1'),
  c('kubectl rollout history deploy/web --revision=99'),
  c('kubectl rollout history cm/lab1'),
  c('kubectl rollout pause deploy/web', ['kubectl rollout resume deploy/web']),
  c('kubectl rollout resume deploy/web'),
  c('kubectl rollout pause cm/lab1'),
  c('kubectl rollout undo deploy/web'),
  c('kubectl rollout undo deploy/web --to-revision=99'),
  c('kubectl edit cm/lab1', undefined, 's/zzz/zzz/'),
  c('kubectl edit cm/nosuch', undefined, 's/zzz/zzz/'),
  c('kubectl edit cm/lab1', [`kubectl patch cm lab1 -p '{"data":{"a":"b"}}'`], 's/  a: b/  a: c/'),
  c('kubectl edit deploy/web', undefined, 's/replicas: 1/replicas: -1/'),
  c('kubectl edit cm/lab1', undefined, 's/  a: b/  a: [/'),
  c('kubectl edit cm/lab1', undefined, 's/name: lab1/name: lab9/'),
  c('kubectl delete'),
  c('kubectl delete pods'),
  c('kubectl delete pods nosuch'),
  c('kubectl delete pods nosuch --ignore-not-found'),
  c('kubectl delete pods -l a=b'),
  c('kubectl delete ns kube-public -n default --dry-run=client'),
  c('kubectl delete pod x --force --grace-period=5'),
  c('kubectl delete pod x --now --grace-period=5'),
  c('kubectl delete pod x -o yaml'),
  c('kubectl delete pods nosuch --force'),
  c('kubectl delete cm lab2 --cascade=x'),
  c('kubectl delete cm lab2', ['kubectl create cm lab2 --from-literal=a=b']),
  c('kubectl delete cm/lab2 cm/nosuch -o name', ['kubectl create cm lab2 --from-literal=a=b']),
  c('kubectl delete cm lab2 --dry-run=server'),
  c('kubectl delete cm -l app=web', [
    'kubectl create cm lab1 --from-literal=a=b',
    'kubectl label cm lab1 app=web',
  ]),
];

describe.skipIf(kubectlPath === null)('changing objects, against real kubectl', { timeout: 300_000 }, () => {
  let diff: Differential;

  beforeAll(async () => {
    diff = await startDifferential(kubectlPath ?? '');
    for (const line of SETUP) await diff.one('real', line);
  }, 120_000);
  afterAll(() => diff?.stop());

  it.each(CASES.map((k) => [k.line, k] as const))('%s', async (_, k) => {
    let options = {};
    if (k.edit !== undefined) {
      const expression = k.edit;
      const script = diff.file('editor.sh', `#!/bin/sh\nsed -i -e '${expression}' "$1"\n`);
      chmodSync(script, 0o755);
      options = { env: { EDITOR: script } };
      diff.setEditor({
        edit: (text) =>
          Promise.resolve(spawnSync('sed', ['-e', expression], { input: text }).stdout.toString()),
      });
    }
    const { real, ours } =
      k.reset === undefined ? await diff.both(k.line, options) : await diff.paired(k.line, k.reset, options);
    expect({
      stdout: normalizeObjects(ours.stdout),
      stderr: normalizeObjects(ours.stderr),
      code: ours.code,
    }).toEqual({
      stdout: normalizeObjects(real.stdout),
      stderr: normalizeObjects(real.stderr),
      code: real.code,
    });
  });
});
