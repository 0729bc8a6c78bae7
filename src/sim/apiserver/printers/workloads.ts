/** apps/v1 workloads and replication controllers. */
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from 'kubernetes-types/apps/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import {
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  NAME_COLUMN,
  SELECTOR_COLUMN,
  column,
  printer,
} from './columns';
import { since } from './duration';
import { containerCells, formatLabelSelector, formatLabels, selectorString } from './format';

/** `kubectl get deployments`: READY is ready/desired; the wide selector is printed bare. */
export const deploymentPrinter = printer<Deployment>(
  [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready pods out of the desired replicas.'),
    column('Up-to-date', 'string', 'Replicas running the latest pod template.'),
    column('Available', 'string', 'Replicas ready for at least minReadySeconds.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  (d, now) => {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      since(d.metadata?.creationTimestamp, now),
      names,
      images,
      selectorString(d.spec?.selector) ?? '<invalid>',
    ];
  },
);

const replicaColumns = [
  NAME_COLUMN,
  column('Desired', 'integer', 'Number of replicas asked for.'),
  column('Current', 'integer', 'Number of replicas that exist.'),
  column('Ready', 'integer', 'Number of replicas that are ready.'),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  SELECTOR_COLUMN,
];

/** `kubectl get replicasets`. */
export const replicaSetPrinter = printer<ReplicaSet>(replicaColumns, (rs, now) => {
  const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
  return [
    rs.metadata?.name ?? '',
    rs.spec?.replicas ?? 0,
    rs.status?.replicas ?? 0,
    rs.status?.readyReplicas ?? 0,
    since(rs.metadata?.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(rs.spec?.selector),
  ];
});

/** `kubectl get replicationcontrollers`: the selector is a plain label map. */
export const replicationControllerPrinter = printer<ReplicationController>(replicaColumns, (rc, now) => {
  const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
  return [
    rc.metadata?.name ?? '',
    rc.spec?.replicas ?? 0,
    rc.status?.replicas ?? 0,
    rc.status?.readyReplicas ?? 0,
    since(rc.metadata?.creationTimestamp, now),
    names,
    images,
    formatLabels(rc.spec?.selector),
  ];
});

/** `kubectl get statefulsets`. */
export const statefulSetPrinter = printer<StatefulSet>(
  [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready pods out of the desired replicas.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  (sts, now) => {
    const [names, images] = containerCells(sts.spec?.template?.spec?.containers);
    return [
      sts.metadata?.name ?? '',
      `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`,
      since(sts.metadata?.creationTimestamp, now),
      names,
      images,
    ];
  },
);

/** `kubectl get daemonsets`. */
export const daemonSetPrinter = printer<DaemonSet>(
  [
    NAME_COLUMN,
    column('Desired', 'integer', 'Nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes running the latest daemon pod template.'),
    column('Available', 'integer', 'Nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'The pod template’s node selector.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  (ds, now) => {
    const [names, images] = containerCells(ds.spec?.template?.spec?.containers);
    const s = ds.status;
    return [
      ds.metadata?.name ?? '',
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      since(ds.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
);

/** `statefulset.apps/web` for a controller owner reference, `<none>` without one. */
function controllerName(rev: ControllerRevision): string {
  const owner = rev.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  if (!owner) return '<none>';
  const slash = owner.apiVersion.indexOf('/');
  const group = slash >= 0 ? owner.apiVersion.slice(0, slash) : '';
  if (group === '' && owner.kind === '') return owner.name;
  const groupKind = group === '' ? owner.kind : `${owner.kind}.${group}`;
  return `${groupKind.toLowerCase()}/${owner.name}`;
}

/** `kubectl get controllerrevisions`. */
export const controllerRevisionPrinter = printer<ControllerRevision>(
  [
    NAME_COLUMN,
    column('Controller', 'string', 'The object that owns this revision.'),
    column('Revision', 'string', 'The revision number.'),
    AGE_COLUMN,
  ],
  (rev, now) => [
    rev.metadata?.name ?? '',
    controllerName(rev),
    rev.revision ?? 0,
    since(rev.metadata?.creationTimestamp, now),
  ],
);
