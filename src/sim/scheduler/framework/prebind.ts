/**
 * The PreBind extension point (RunPreBindPlugins): each plugin in profile order, stopping at
 * the first failure. A plugin that returns a {@link PreBindWait} is polled on the virtual
 * clock until it settles; only then do the later plugins run.
 */
import type { Kernel } from '../../kernel/kernel';
import type { CycleState } from './cycle-state';
import type { Plugin, PreBindWait } from './interface';
import { Status, statusOf, type Result } from './status';
import { podKey, type Pod } from './types';

const SCHEDULER_ID = 'control-plane/kube-scheduler';

function isWait(out: Result | PreBindWait): out is PreBindWait {
  return out !== null && out !== undefined && !(out instanceof Status);
}

/** A plugin's failure as the binding cycle reports it. */
function failure(plugin: Plugin, s: Status): Status {
  if (s.isRejected()) return s.withPlugin(plugin.name);
  return new Status('Error', [`running PreBind plugin "${plugin.name}": ${s.message()}`]).withPlugin(
    plugin.name,
  );
}

/**
 * Runs every PreBind plugin for `pod` on `nodeName`, then calls `done` with Success or the
 * first failure, and the trace step the binding cycle goes on from.
 */
export function runPreBindPlugins(
  kernel: Kernel,
  plugins: readonly Plugin[],
  state: CycleState,
  pod: Pod,
  nodeName: string,
  causedBy: number | null,
  done: (status: Status, causedBy: number | null) => void,
): void {
  const decide = (summary: string, cause: number | null) =>
    kernel.trace.emit({ from: SCHEDULER_ID, to: SCHEDULER_ID, kind: 'decision', summary, causedBy: cause })
      .id;
  const run = (from: number, cause: number | null): void => {
    for (let i = from; i < plugins.length; i++) {
      const plugin = plugins[i] as Plugin;
      if (plugin.preBind === undefined) continue;
      let out: Result | PreBindWait;
      try {
        out = plugin.preBind(state, pod, nodeName, cause);
      } catch (error) {
        out = Status.error(error);
      }
      if (isWait(out)) return wait(plugin, out, i, cause);
      const s = statusOf(out);
      if (!s.isSuccess()) return done(failure(plugin, s), cause);
    }
    done(Status.success(), cause);
  };
  const wait = (plugin: Plugin, w: PreBindWait, index: number, cause: number | null): void => {
    const step = decide(`PreBind ${plugin.name}: waiting for ${podKey(pod)} on ${nodeName}`, cause);
    const deadline = kernel.clock.now() + w.timeoutMs;
    const label = `kube-scheduler: PreBind ${plugin.name} ${podKey(pod)}`;
    const poll = () => {
      let s: Status | null;
      try {
        s = w.check();
      } catch (error) {
        s = Status.error(error);
      }
      if (s === null) {
        if (kernel.clock.now() >= deadline) return done(failure(plugin, w.timedOut()), step);
        kernel.schedule(w.intervalMs, label, poll);
        return;
      }
      if (!s.isSuccess()) return done(failure(plugin, s), step);
      run(index + 1, decide(`PreBind ${plugin.name}: ${podKey(pod)} is ready to bind to ${nodeName}`, step));
    };
    kernel.schedule(w.intervalMs, label, poll);
  };
  run(0, causedBy);
}
