import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing';

describe('kubectl rollout and set', () => {
  it('watches a rollout until it is done', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    const status = k.start('kubectl rollout status deployment/web');
    let code: number | undefined;
    void status.exit.then((c) => (code = c));
    for (let i = 0; i < 120 && code === undefined; i++) await k.advance(1_000);
    expect(code).toBe(0);
    expect(status.output.out).toMatch(/deployment "web" successfully rolled out\n$/);
  });

  it('updates images, records revisions, and rolls back', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx:1.25');
    await k.advance(30_000);
    expect((await k.run('kubectl set image deployment/web nginx=nginx:1.27')).stdout).toBe(
      'deployment.apps/web image updated\n',
    );
    expect((await k.run('kubectl set image deployment/web nope=x')).stderr).toBe(
      'error: unable to find container named "nope"\n',
    );
    await k.advance(30_000);
    expect((await k.run('kubectl rollout history deployment/web')).stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect((await k.run('kubectl rollout undo deployment/web')).stdout).toBe(
      'deployment.apps/web rolled back\n',
    );
    await k.advance(1_000);
    expect(
      (await k.run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).stdout,
    ).toBe('nginx:1.25');
    expect((await k.run('kubectl rollout undo deployment/web --to-revision=9')).stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
  });

  it('pauses, resumes and restarts', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    expect((await k.run('kubectl rollout pause deployment/web')).stdout).toBe('deployment.apps/web paused\n');
    expect((await k.run('kubectl rollout pause deployment/web')).stderr).toBe(
      'error: deployments.apps "web" is already paused\n',
    );
    expect((await k.run('kubectl rollout restart deployment/web')).stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect((await k.run('kubectl rollout resume deployment/web')).stdout).toBe(
      'deployment.apps/web resumed\n',
    );
    expect((await k.run('kubectl rollout restart deployment/web')).stdout).toBe(
      'deployment.apps/web restarted\n',
    );
  });

  it('sets and lists environment variables', async () => {
    const k = await testKubectl();
    await k.run('kubectl create deployment web --image=nginx');
    expect((await k.run('kubectl set env deployment/web MODE=prod')).stdout).toBe(
      'deployment.apps/web env updated\n',
    );
    expect((await k.run('kubectl set env deployment/web --list')).stdout).toBe(
      '# Deployment web, container nginx\nMODE=prod\n',
    );
    expect((await k.run('kubectl set env deployment/web MODE=dev --overwrite=false')).stderr).toBe(
      "error: deployments/web 'MODE' already has a value (prod), and --overwrite is false\n",
    );
  });
});
