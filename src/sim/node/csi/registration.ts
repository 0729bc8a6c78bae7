/**
 * The hostpath driver's node plugin registering with a node's kubelet: node-driver-registrar
 * announces the driver's socket, kubelet calls NodeGetInfo and (nodeinfomanager's
 * InstallCSIDriver) labels its Node with the driver's topology segment and lists the driver
 * in the node's CSINode. The external provisioner reads both to put provisioned volumes on
 * the node the scheduler chose; VolumeBinding matches the volumes' node affinity against
 * the label.
 */
import type { ApiServer } from '../../apiserver/apiserver';
import { ApiError } from '../../apiserver/status';
import type { KubeObject } from '../../apiserver/types';
import { ApiClient } from '../../client/rest';
import type { Kernel } from '../../kernel/kernel';
import { CSI_NODES, NODES } from '../../controllers/pv-binder/types';
import { nodeHost } from '../host';
import { DRIVER_NAME, TOPOLOGY_KEY } from './driver';
import { HostpathNodePlugin } from './node-plugin';

/** How long after the node's kubelet starts the node plugin pod is up and registers. */
export const NODE_PLUGIN_START_MS = 5_000;

interface CsiNodeDriver {
  name: string;
  nodeID: string;
  topologyKeys?: string[];
}

type CsiNode = KubeObject & { spec?: { drivers?: CsiNodeDriver[] } };

/** InstallCSIDriver for the hostpath driver on `nodeName`, as the node's kubelet. */
export function installCsiDriver(client: ApiClient, nodeName: string, cause: number | null): void {
  const node = client.patch(
    NODES,
    null,
    nodeName,
    'strategic',
    { metadata: { labels: { [TOPOLOGY_KEY]: nodeName } } },
    cause,
  );
  const driver: CsiNodeDriver = { name: DRIVER_NAME, nodeID: nodeName, topologyKeys: [TOPOLOGY_KEY] };
  let existing: CsiNode | undefined;
  try {
    existing = client.get<CsiNode>(CSI_NODES, null, nodeName, cause);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 404) throw error;
  }
  if (existing === undefined) {
    client.create(
      CSI_NODES,
      null,
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'CSINode',
        metadata: {
          name: nodeName,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid ?? '' }],
        },
        spec: { drivers: [driver] },
      },
      cause,
    );
    return;
  }
  const others = (existing.spec?.drivers ?? []).filter((d) => d.name !== DRIVER_NAME);
  client.update(
    CSI_NODES,
    { ...existing, spec: { ...existing.spec, drivers: [...others, driver] } },
    undefined,
    cause,
  );
}

/**
 * Starts the driver's node plugin on each node: once its pod is up, its socket appears in
 * the node's plugin directory (the kubelet can call it from then on) and it registers with
 * the node's kubelet. A node that is not registered yet is tried again a little later.
 */
export function startNodePlugins(kernel: Kernel, apiserver: ApiServer, nodeNames: readonly string[]): void {
  for (const nodeName of nodeNames) {
    const client = new ApiClient(apiserver, `${nodeName}/kubelet`, 'kubelet');
    const register = () => {
      nodeHost(kernel, nodeName).csiPlugins.set(
        DRIVER_NAME,
        new HostpathNodePlugin(kernel, nodeHost(kernel, nodeName)),
      );
      try {
        installCsiDriver(client, nodeName, null);
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 404) throw error;
        kernel.schedule(NODE_PLUGIN_START_MS, `${nodeName}/kubelet: register ${DRIVER_NAME}`, register);
      }
    };
    kernel.schedule(NODE_PLUGIN_START_MS, `${nodeName}/kubelet: register ${DRIVER_NAME}`, register);
  }
}
