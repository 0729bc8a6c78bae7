/**
 * Where the terminal meets kubectl: the in-page kubectl (src/kubectl) runs the command lines
 * against the cluster's apiserver in this worker, and completion asks the same apiserver.
 * `kubectl edit` opens the page's YAML editor through an {@link EditorBridge}.
 */
import { InProcessTransport } from '../kubectl/client/in-process';
import { Kubectl } from '../kubectl/kubectl';
import { tokenize } from '../kubectl/shell/tokenize';
import type { Cluster } from '../sim/cluster';
import { ClusterLookups } from './cluster-lookups';
import { Completer } from './completion';
import type { EditorBridge } from './edit-requests';
import type { KubectlShell } from './kubectl-sessions';

/**
 * The terminal's kubectl for `cluster`: one kubectl session (its kubeconfig and discovery
 * cache live as long as the cluster), with the simulation's clock as its wall clock, and
 * `editor` (the page's YAML editor) as the editor `kubectl edit` runs.
 */
export function connectKubectl(cluster: Cluster, editor?: EditorBridge): KubectlShell {
  const clock = cluster.kernel.clock;
  // The Ctrl-C signals of the `kubectl edit` lines running now: an edit they asked for is
  // withdrawn when they end (the terminal runs one line at a time, so the last is the one).
  const editing = new Set<AbortSignal>();
  const kubectl = new Kubectl({
    transport: new InProcessTransport(cluster.apiserver),
    now: () => clock.epoch + clock.now(),
    setTimer: (callback, ms) => {
      const handle = cluster.kernel.schedule(ms, 'kubectl: timer', callback);
      return () => cluster.kernel.cancel(handle);
    },
    ...(editor === undefined
      ? {}
      : { editor: { edit: (text: string, name: string) => editor.open(text, name, [...editing].at(-1)) } }),
  });
  const lookups = new ClusterLookups(cluster.apiserver);
  const completer = new Completer(lookups);
  return {
    run(line, io) {
      const execution = kubectl.run(line, io, {
        ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
        ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
      });
      io.signal.addEventListener('abort', () => execution.interrupt(), { once: true });
      const words = tokenize(line);
      const edits = !('error' in words) && words.words.includes('edit');
      if (edits) editing.add(io.signal);
      // A command may have added resource types (a CRD): completion rediscovers them.
      return execution.exit.finally(() => {
        editing.delete(io.signal);
        lookups.forget();
      });
    },
    complete: (line, cursor) => Promise.resolve(completer.complete(line, cursor)),
  };
}
