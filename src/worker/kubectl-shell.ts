/**
 * Where the terminal meets kubectl: the in-page kubectl (src/kubectl) runs the command lines
 * against the cluster's apiserver in this worker, and completion asks the same apiserver.
 */
import { InProcessTransport } from '../kubectl/client/in-process';
import { Kubectl } from '../kubectl/kubectl';
import type { Cluster } from '../sim/cluster';
import { ClusterLookups } from './cluster-lookups';
import { Completer } from './completion';
import type { KubectlShell } from './kubectl-sessions';

/**
 * The terminal's kubectl for `cluster`: one kubectl session (its kubeconfig and discovery
 * cache live as long as the cluster), with the simulation's clock as its wall clock.
 */
export function connectKubectl(cluster: Cluster): KubectlShell {
  const clock = cluster.kernel.clock;
  const kubectl = new Kubectl({
    transport: new InProcessTransport(cluster.apiserver),
    now: () => clock.epoch + clock.now(),
  });
  const lookups = new ClusterLookups(cluster.apiserver);
  const completer = new Completer(lookups);
  return {
    run(line, io) {
      const execution = kubectl.run(line, io);
      io.signal.addEventListener('abort', () => execution.interrupt(), { once: true });
      // A command may have added resource types (a CRD): completion rediscovers them.
      return execution.exit.finally(() => lookups.forget());
    },
    complete: (line, cursor) => Promise.resolve(completer.complete(line, cursor)),
  };
}
