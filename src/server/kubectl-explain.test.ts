/**
 * `kubectl explain` against the simulated apiserver: kubectl v1.32 reads the /openapi/v3
 * documents, whose schemas the server generates from the Kubernetes Go API types at start-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlOrSkip, startApiserver, type RunningApiserver } from './harness';
import { goSourcesOrSkip } from './openapi/sources';

const kubectl = kubectlOrSkip();
const sources = kubectl === null ? null : goSourcesOrSkip('kubectl explain tests');

/** The `FIELDS:` section's field lines (name, type, -required-), without the descriptions. */
function fieldLines(stdout: string): string[] {
  const fields = stdout.slice(stdout.indexOf('\nFIELDS:\n') + '\nFIELDS:\n'.length);
  return fields.split('\n').filter((line) => /^ {2}\S/.test(line) && !line.startsWith('  enum:'));
}

describe.skipIf(kubectl === null || sources === null)('real kubectl: explain', { timeout: 60_000 }, () => {
  let api: RunningApiserver;
  beforeAll(async () => {
    api = await startApiserver(kubectl ?? '');
  }, 60_000);
  afterAll(() => api?.stop());

  it('kubectl explain pods: kind, version, description and top-level fields', async () => {
    const r = await api.kubectl(['explain', 'pods']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'DESCRIPTION:',
      '    Pod is a collection of containers that can run on a host. This resource is',
      '    created by clients and scheduled onto hosts.',
    ]);
    expect(fieldLines(r.stdout)).toEqual([
      '  apiVersion\t<string>',
      '  kind\t<string>',
      '  metadata\t<ObjectMeta>',
      '  spec\t<PodSpec>',
      '  status\t<PodStatus>',
    ]);
    expect(r.stdout).toContain(
      "  metadata\t<ObjectMeta>\n    Standard object's metadata. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata\n",
    );
  });

  it('kubectl explain deployment.spec.strategy: a field with its type, enum and retained keys', async () => {
    const r = await api.kubectl(['explain', 'deployment.spec.strategy']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      'GROUP:      apps',
      'KIND:       Deployment',
      'VERSION:    v1',
      '',
      'FIELD: strategy <DeploymentStrategy>',
      '',
      '',
      'DESCRIPTION:',
      '    The deployment strategy to use to replace existing pods with new ones.',
      '    DeploymentStrategy describes how to replace existing pods with new ones.',
    ]);
    expect(fieldLines(r.stdout)).toEqual(['  rollingUpdate\t<RollingUpdateDeployment>', '  type\t<string>']);
    expect(r.stdout).toContain('  type\t<string>\n  enum: Recreate, RollingUpdate\n');
    expect(r.stdout).toContain(
      '    Possible enum values:\n     - `"Recreate"` Kill all existing pods before creating new ones.\n',
    );
  });

  it('kubectl explain pods.spec.containers --recursive: the whole Container tree', async () => {
    const r = await api.kubectl(['explain', 'pods.spec.containers', '--recursive']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
      'FIELD: containers <[]Container>',
      '',
    ]);
    expect(r.stdout).toContain(
      '\nDESCRIPTION:\n    List of containers belonging to the pod. Containers cannot currently be\n',
    );
    expect(fieldLines(r.stdout)).toEqual([
      '  args\t<[]string>',
      '  command\t<[]string>',
      '  env\t<[]EnvVar>',
      '  envFrom\t<[]EnvFromSource>',
      '  image\t<string>',
      '  imagePullPolicy\t<string>',
      '  lifecycle\t<Lifecycle>',
      '  livenessProbe\t<Probe>',
      '  name\t<string> -required-',
      '  ports\t<[]ContainerPort>',
      '  readinessProbe\t<Probe>',
      '  resizePolicy\t<[]ContainerResizePolicy>',
      '  resources\t<ResourceRequirements>',
      '  restartPolicy\t<string>',
      '  securityContext\t<SecurityContext>',
      '  startupProbe\t<Probe>',
      '  stdin\t<boolean>',
      '  stdinOnce\t<boolean>',
      '  terminationMessagePath\t<string>',
      '  terminationMessagePolicy\t<string>',
      '  tty\t<boolean>',
      '  volumeDevices\t<[]VolumeDevice>',
      '  volumeMounts\t<[]VolumeMount>',
      '  workingDir\t<string>',
    ]);
    for (const nested of [
      '  imagePullPolicy\t<string>\n  enum: Always, IfNotPresent, Never\n',
      '  ports\t<[]ContainerPort>\n    containerPort\t<integer> -required-\n    hostIP\t<string>\n    hostPort\t<integer>\n    name\t<string>\n    protocol\t<string>\n    enum: SCTP, TCP, UDP\n',
      '  resources\t<ResourceRequirements>\n    claims\t<[]ResourceClaim>\n      name\t<string> -required-\n      request\t<string>\n    limits\t<map[string]Quantity>\n    requests\t<map[string]Quantity>\n',
      '      tcpSocket\t<TCPSocketAction>\n        host\t<string>\n        port\t<IntOrString> -required-\n',
      '    valueFrom\t<EnvVarSource>\n      configMapKeyRef\t<ConfigMapKeySelector>\n        key\t<string> -required-\n',
    ])
      expect(r.stdout).toContain(nested);
  });
});
