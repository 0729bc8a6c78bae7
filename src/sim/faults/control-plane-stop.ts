/**
 * SchedulerStop and ControllerManagerStop: the component's static pod stops (its process is
 * gone). kube-scheduler binds nothing (new pods stay Pending, with no events);
 * kube-controller-manager reconciles nothing (Deployments get no ReplicaSets, nodes are not
 * marked Unknown). Healing starts it again: it relists and catches up.
 */
import { CONTROLLER_MANAGER_ID } from '../controllers/manager';
import { SCHEDULER_ID } from '../scheduler';
import { FaultTargetError, type FaultHandler } from './types';

/** Stops a component that can be started again. */
function stopping(
  name: string,
  to: string,
  component: (world: Parameters<FaultHandler['apply']>[1]) => { stop(): void; start(): void } | null,
): FaultHandler {
  return {
    apply(_spec, world, step) {
      const target = component(world);
      if (target === null) throw new FaultTargetError(`${name} does not run in this cluster`);
      step(to, `stop ${name}`);
      target.stop();
      return {
        target: name,
        heal: (healStep) => {
          healStep(to, `start ${name}`);
          target.start();
        },
      };
    },
  };
}

export const schedulerStop = stopping('kube-scheduler', SCHEDULER_ID, (w) => w.scheduler);
export const controllerManagerStop = stopping(
  'kube-controller-manager',
  CONTROLLER_MANAGER_ID,
  (w) => w.controllerManager,
);
