/**
 * What the kubelet puts in a container's CRI config beyond image and resources (upstream's
 * GenerateRunContainerOptions and generateContainerConfig): the environment (env/), the
 * mounts (makeMounts: each volumeMount from the volume manager's mounted volumes, with its
 * subPath, read-only when the mount or the plugin says so; the pod's hosts file at
 * /etc/hosts; a fresh termination message file at `terminationMessagePath`), and the command
 * and args with `$(VAR)` expanded from that environment. The kubelet's Service informer
 * feeds the Service variables.
 */
import type { Container, Service } from 'kubernetes-types/core/v1';
import { findResource, type ResourceInfo } from '../../apiserver/resources';
import type { KubeObject } from '../../apiserver/types';
import type { EventRecorder } from '../../client/events';
import { Informer } from '../../client/informer';
import type { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { joinPath } from '../cri/fs';
import type { Mount } from '../cri/types';
import type { NodeHost } from '../host';
import type { PodRecord } from './context';
import { ContainerConfigError, makeEnvironment } from './env';
import { expand, mappingFor } from './env/expansion';
import type { PodPlacement } from './env/field-ref';
import type { ObjectSource } from './objects';
import { hostsFile } from './pod-files';
import type { VolumeManager } from './volumemanager';

const SERVICES = findResource('', 'v1', 'services') as ResourceInfo;

/** The parts of a container's CRI config generated here. */
export interface GeneratedConfig {
  readonly env: Readonly<Record<string, string>>;
  readonly mounts: readonly Mount[];
  readonly command: readonly string[];
  readonly args: readonly string[];
}

export interface ContainerConfigDeps {
  readonly kernel: Kernel;
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly host: NodeHost;
  readonly volumes: VolumeManager;
  readonly objects: ObjectSource;
  placement(record: PodRecord): PodPlacement;
}

export class ContainerConfigs {
  readonly #services: Informer<KubeObject & Service>;

  constructor(private readonly deps: ContainerConfigDeps) {
    this.#services = new Informer(deps.kernel, deps.client, SERVICES);
  }

  /** Starts the Service informer. */
  start(): void {
    this.#services.start();
  }

  /** The config of `container`; throws {@link ContainerConfigError} (CreateContainerConfigError). */
  generate(record: PodRecord, container: Container, cause: number | null): GeneratedConfig {
    const { recorder } = this.deps;
    const pod = record.pod;
    const placement = this.deps.placement(record);
    const env = makeEnvironment(
      pod,
      container,
      {
        objects: this.deps.objects,
        services: this.#services.lister.list(),
        placement,
        warn: (reason, message) => recorder.event(pod, 'Warning', reason, message, cause),
      },
      cause,
    );
    const mapping = mappingFor(new Map(env));
    return {
      env: Object.fromEntries(env),
      mounts: this.#mounts(record, container, placement, mapping),
      command: (container.command ?? []).map((c) => expand(c, mapping)),
      args: (container.args ?? []).map((a) => expand(a, mapping)),
    };
  }

  /** makeMounts, then the termination message file. */
  #mounts(
    record: PodRecord,
    container: Container,
    placement: PodPlacement,
    mapping: ReturnType<typeof mappingFor>,
  ): Mount[] {
    const { fs } = this.deps.host;
    const podDir = `/var/lib/kubelet/pods/${record.uid}`;
    const volumes = this.deps.volumes.podVolumes(record.uid);
    const mounts: Mount[] = [];
    for (const m of container.volumeMounts ?? []) {
      const volume = volumes.get(m.name);
      if (volume === undefined)
        throw new ContainerConfigError(
          `cannot find volume "${m.name}" to mount into container "${container.name}"`,
        );
      const subPath = m.subPathExpr !== undefined ? expand(m.subPathExpr, mapping) : (m.subPath ?? '');
      const hostPath = subPath === '' ? volume.hostPath : joinPath(volume.hostPath, subPath);
      if (subPath !== '' && !fs.exists(hostPath)) fs.mkdirAll(hostPath, 0o750);
      mounts.push({ containerPath: m.mountPath, hostPath, readonly: m.readOnly === true || volume.readOnly });
    }
    if (!mounts.some((m) => m.containerPath === '/etc/hosts')) {
      const hosts = `${podDir}/etc-hosts`;
      if (!fs.exists(hosts)) {
        fs.mkdirAll(podDir, 0o750);
        fs.writeFile(hosts, hostsFile(record.pod, placement.podIPs, fs.readFile('/etc/hosts')));
      }
      mounts.push({ containerPath: '/etc/hosts', hostPath: hosts, readonly: false });
    }
    const messagePath = container.terminationMessagePath ?? '';
    if (messagePath !== '') {
      const dir = `${podDir}/containers/${container.name}`;
      const file = `${dir}/${this.deps.kernel.rng.int(0, 0xffffffff).toString(16).padStart(8, '0')}`;
      fs.mkdirAll(dir, 0o750);
      fs.writeFile(file, '', { mode: 0o666 });
      mounts.push({ containerPath: messagePath, hostPath: file, readonly: false });
    }
    return mounts;
  }
}
