import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl run, expose and autoscale', () => {
  it('runs a pod, and refuses to attach to it', async () => {
    const k = await testKubectl();
    expect((await k.run('kubectl run web --image=nginx --port=80 --labels=app=web')).stdout).toBe(
      'pod/web created\n',
    );
    expect((await k.run('kubectl get pod web -o jsonpath={.metadata.labels.app}')).stdout).toBe('web');
    expect((await k.run('kubectl run shell --image=busybox -it --rm')).stderr).toMatch(
      /^error: attaching to a pod/,
    );
    expect((await k.run('kubectl run x --image=busybox --restart=Sometimes')).stderr).toBe(
      "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n",
    );
    const dry = await k.run(
      'kubectl run job --image=busybox --restart=Never --command --dry-run=client -o jsonpath={.spec.containers[0].command} -- echo hi',
    );
    expect(dry.stdout).toBe('["echo","hi"]');
  });

  it('exposes a deployment on the ports of its containers', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx --port=8080');
    expect((await k.run('kubectl expose deployment web --port=80 --target-port=8080')).stdout).toBe(
      'service/web exposed\n',
    );
    expect(
      (await k.run("kubectl get svc web -o jsonpath='{.spec.selector.app} {.spec.ports[0].targetPort}'"))
        .stdout,
    ).toBe('web 8080');
    expect(
      (
        await k.run(
          'kubectl expose deployment web --name=auto --dry-run=client -o jsonpath={.spec.ports[0].port}',
        )
      ).stdout,
    ).toBe('8080');
    await k.run('kubectl create cm c --from-literal=a=b');
    expect((await k.run('kubectl expose cm c --port=80')).stderr).toBe('error: cannot expose a ConfigMap\n');
  });

  it('autoscales what has a scale subresource', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    expect((await k.run('kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=70')).stdout).toBe(
      'horizontalpodautoscaler.autoscaling/web autoscaled\n',
    );
    expect((await k.run('kubectl autoscale deployment web --max=1 --min=3')).stderr).toBe(
      'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3\n',
    );
  });
});
