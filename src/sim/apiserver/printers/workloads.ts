/** apps/v1 workloads and replication controllers. */
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  StatefulSet,
} from 'kubernetes-types/apps/v1';
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { AGE_COLUMN, NAME_COLUMN, column, printer } from './columns';
import { since } from './duration';
import { formatLabelSelector, formatLabels, selectorString } from './format';
import { templatePrinter } from './template';

/** `kubectl get deployments`: READY is ready/desired; the wide selector is printed bare. */
export const deploymentPrinter = templatePrinter<Deployment>({
  columns: [
    column('Ready', 'string', 'Ready pods out of the desired replicas.'),
    column('Up-to-date', 'string', 'Replicas running the latest pod template.'),
    column('Available', 'string', 'Replicas ready for at least minReadySeconds.'),
  ],
  cells: (d) => [
    `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
    d.status?.updatedReplicas ?? 0,
    d.status?.availableReplicas ?? 0,
  ],
  containers: (d) => d.spec?.template?.spec?.containers,
  selector: (d) => selectorString(d.spec?.selector) ?? '<invalid>',
});

const replicaColumns = [
  column('Desired', 'integer', 'Number of replicas asked for.'),
  column('Current', 'integer', 'Number of replicas that exist.'),
  column('Ready', 'integer', 'Number of replicas that are ready.'),
];

/** Desired, current and ready replicas: the cells of `replicaColumns`. */
const replicaCells = (obj: ReplicaSet | ReplicationController): unknown[] => [
  obj.spec?.replicas ?? 0,
  obj.status?.replicas ?? 0,
  obj.status?.readyReplicas ?? 0,
];

/** `kubectl get replicasets`. */
export const replicaSetPrinter = templatePrinter<ReplicaSet>({
  columns: replicaColumns,
  cells: replicaCells,
  containers: (rs) => rs.spec?.template?.spec?.containers,
  selector: (rs) => formatLabelSelector(rs.spec?.selector),
});

/** `kubectl get replicationcontrollers`: the selector is a plain label map. */
export const replicationControllerPrinter = templatePrinter<ReplicationController>({
  columns: replicaColumns,
  cells: replicaCells,
  containers: (rc) => rc.spec?.template?.spec?.containers,
  selector: (rc) => formatLabels(rc.spec?.selector),
});

/** `kubectl get statefulsets`. */
export const statefulSetPrinter = templatePrinter<StatefulSet>({
  columns: [column('Ready', 'string', 'Ready pods out of the desired replicas.')],
  cells: (sts) => [`${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`],
  containers: (sts) => sts.spec?.template?.spec?.containers,
});

/** `kubectl get daemonsets`. */
export const daemonSetPrinter = templatePrinter<DaemonSet>({
  columns: [
    column('Desired', 'integer', 'Nodes that should run the daemon pod.'),
    column('Current', 'integer', 'Nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'Nodes running the latest daemon pod template.'),
    column('Available', 'integer', 'Nodes whose daemon pod is available.'),
    column('Node Selector', 'string', 'The pod template’s node selector.'),
  ],
  cells: (ds) => {
    const s = ds.status;
    return [
      s?.desiredNumberScheduled ?? 0,
      s?.currentNumberScheduled ?? 0,
      s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0,
      s?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
    ];
  },
  containers: (ds) => ds.spec?.template?.spec?.containers,
  selector: (ds) => formatLabelSelector(ds.spec?.selector),
});

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
