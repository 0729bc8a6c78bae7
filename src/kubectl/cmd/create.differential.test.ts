/**
 * Differential test of the commands that generate objects: the `create` generators, `run`,
 * `expose` and `autoscale`, printed (`--dry-run=client -o yaml|json`), created (then
 * removed before the other kubectl runs), and refused, through the real kubectl and the
 * in-page one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeObjects, startDifferential, type Differential } from '../../server/differential';
import { kubectlOrSkip } from '../../server/harness';

const kubectlPath = kubectlOrSkip();

/** Lines run once, through the real kubectl, before the cases. */
const SETUP = [
  'kubectl create deployment web --image=nginx:1.25',
  'kubectl create deployment exp --image=nginx --port=80',
  'kubectl create configmap lab --from-literal=a=b',
  `kubectl create cronjob cj --image=busybox --schedule='*/5 * * * *' -- date`,
];

/** `[line, lines that undo it]`, or a line alone (it changes nothing). */
const CASES: readonly (string | readonly [string, readonly string[]])[] = [
  'kubectl create',
  'kubectl create foo',
  'kubectl create service foo',
  'kubectl create deployment',
  'kubectl create deployment a b',
  'kubectl create deployment x',
  'kubectl create deployment x --image=nginx --dry-run=client -o yaml',
  'kubectl create deployment x --image=nginx --image=busybox --replicas=3 --port=80 --dry-run=client -o yaml',
  'kubectl create deployment x --image=nginx --dry-run=client -o json',
  'kubectl create deployment x --image=nginx -n kube-public --dry-run=client -o yaml',
  'kubectl create deploy x --image=busybox --dry-run=client -o yaml -- sleep 10',
  'kubectl create deployment x --image=a --image=b --dry-run=client -- echo',
  'kubectl create deployment x --image=nginx --dry-run=client -o wide',
  'kubectl create deployment x --image=nginx --dry-run=server',
  ['kubectl create deployment x --image=nginx', ['kubectl delete deployment x']],
  'kubectl create deployment web --image=nginx',
  'kubectl create namespace nsx --dry-run=client -o yaml',
  'kubectl create ns default',
  'kubectl create configmap c --from-literal=a=1 --from-literal=b=2 --dry-run=client -o yaml',
  'kubectl create configmap c --from-literal=a=1 --from-literal=a=2 --dry-run=client -o yaml',
  'kubectl create configmap c --from-literal=bad --dry-run=client -o yaml',
  'kubectl create configmap c --from-literal=b@d=1 --dry-run=client -o yaml',
  'kubectl create configmap c --from-file=FILE:hello.txt --from-file=k=FILE:hello.txt --dry-run=client -o yaml',
  'kubectl create configmap c --from-env-file=FILE:app.env --dry-run=client -o yaml',
  'kubectl create configmap c --from-env-file=FILE:app.env --from-literal=a=b --dry-run=client',
  'kubectl create secret generic s --from-literal=a=1 --from-file=FILE:hello.txt --dry-run=client -o yaml',
  'kubectl create secret docker-registry d --docker-server=r --docker-username=u --docker-password=p --dry-run=client -o yaml',
  'kubectl create secret docker-registry d --docker-username=u --dry-run=client -o yaml',
  'kubectl create service clusterip s --tcp=80:8080 --tcp=443 --dry-run=client -o yaml',
  'kubectl create service clusterip s --dry-run=client -o yaml',
  'kubectl create service clusterip hl --clusterip=None --dry-run=client -o yaml',
  'kubectl create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o json',
  'kubectl create service loadbalancer lb --tcp=80 --dry-run=client -o yaml',
  'kubectl create service externalname en --external-name=example.com --dry-run=client -o yaml',
  'kubectl create service externalname en',
  'kubectl create service clusterip s --tcp=x:80 --dry-run=client -o yaml',
  'kubectl create job j --image=busybox --dry-run=client -o yaml -- echo hi',
  'kubectl create job j --dry-run=client -o yaml',
  'kubectl create job j --from=cronjob/nope --dry-run=client -o yaml',
  'kubectl create job j --from=cronjob/cj --dry-run=client -o yaml',
  'kubectl create cronjob c2 --image=busybox --schedule=@hourly --dry-run=client -o yaml -- date',
  'kubectl create cronjob c2 --image=busybox',
  'kubectl create role r --verb=get,list --resource=pods,deploy,deployments.apps/scale --dry-run=client -o yaml',
  'kubectl create role r --verb=get --verb=foo --resource=pods --dry-run=client -o yaml',
  'kubectl create role r --verb=bind --resource=pods --dry-run=client -o yaml',
  'kubectl create role r --verb=get --resource=foo --dry-run=client -o yaml',
  'kubectl create rolebinding rb --role=r --user=bob --serviceaccount=default:sa --group=g --dry-run=client -o yaml',
  'kubectl create rolebinding rb --role=r --clusterrole=c --dry-run=client -o yaml',
  'kubectl create clusterrole cr --verb=get --resource=nodes --non-resource-url=/healthz --dry-run=client -o yaml',
  'kubectl create clusterrolebinding crb --clusterrole=cr --user=alice --dry-run=client -o json',
  'kubectl create clusterrolebinding crb --user=alice',
  'kubectl create serviceaccount sa --dry-run=client -o yaml',
  'kubectl create priorityclass pc --value=1000 --description=high --dry-run=client -o yaml',
  'kubectl create quota q --hard=cpu=1000m,pods=10,memory=1Gi --scopes=BestEffort --dry-run=client -o yaml',
  'kubectl create pdb p --selector=app=web --max-unavailable=50% --dry-run=client -o yaml',
  'kubectl create pdb p --selector=app=web --dry-run=client -o yaml',
  'kubectl create ingress i --class=nginx --rule=foo.com/=svc:https,tls --rule=foo.com/p*=s:8080 --annotation a=b --dry-run=client -o yaml',
  'kubectl create ingress i --dry-run=client -o yaml',
  'kubectl run r --image=nginx --dry-run=client -o yaml',
  'kubectl run r --image=nginx --port=80 --env=A=1 --labels=x=y,z=w --restart=Never --dry-run=client -o json',
  'kubectl run r --image=busybox --command --dry-run=client -o yaml -- sleep 10',
  'kubectl run r --image=nginx --restart=Foo',
  'kubectl run r',
  'kubectl run r --image=nginx -t',
  `kubectl run r --image=nginx --overrides='{"spec":{"hostNetwork":true}}' --dry-run=client -o yaml`,
  ['kubectl run r --image=nginx', ['kubectl delete pod r --now']],
  'kubectl expose deploy web --port=80 --dry-run=client -o yaml',
  'kubectl expose deploy exp --dry-run=client -o json',
  'kubectl expose deploy web --port=80,443 --target-port=8080 --type=NodePort --dry-run=client -o yaml',
  'kubectl expose deploy web',
  'kubectl expose cm lab --port=80',
  ['kubectl expose deploy exp', ['kubectl delete svc exp']],
  'kubectl autoscale deploy web --min=2 --max=5 --cpu-percent=80 --dry-run=client -o yaml',
  'kubectl autoscale deploy web',
  'kubectl autoscale deploy web --max=1 --min=3',
  'kubectl autoscale cm lab --max=3',
  ['kubectl autoscale deploy web --max=3', ['kubectl delete hpa web']],
];

describe.skipIf(kubectlPath === null)(
  'generating objects, against real kubectl',
  { timeout: 300_000 },
  () => {
    let diff: Differential;
    const paths = new Map<string, string>();
    const withFiles = (line: string) =>
      line.replace(/FILE:([\w.-]+)/g, (_, name: string) => paths.get(name) ?? name);

    beforeAll(async () => {
      diff = await startDifferential(kubectlPath ?? '');
      paths.set('hello.txt', diff.file('hello.txt', 'hello'));
      paths.set('app.env', diff.file('app.env', 'a=1\n# comment\nB_2=two\n'));
      for (const line of SETUP) await diff.one('real', line);
    }, 120_000);
    afterAll(() => diff?.stop());

    it.each(CASES.map((c) => [typeof c === 'string' ? c : c[0], c] as const))('%s', async (_, c) => {
      const { real, ours } =
        typeof c === 'string' ? await diff.both(withFiles(c)) : await diff.paired(withFiles(c[0]), c[1]);
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
  },
);
