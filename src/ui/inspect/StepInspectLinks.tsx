import { useMemo } from 'react';
import type { TraceStep } from '../../sim/kernel/trace';
import { useLab } from '../lab-context';
import { useTrace } from '../trace/use-trace';
import { objectLabel, stepTargets } from './step-target';
import { useInspect } from './use-inspect';

/**
 * Buttons that open what a timeline step names, as it is now: the object of an API request
 * in the object inspector, the etcd key of a storage call in the etcd view. Either leaves the
 * step under review for the live cluster.
 */
export function StepInspectLinks({ step }: { step: TraceStep }) {
  const { object, etcd } = useMemo(() => stepTargets(step), [step]);
  const show = useInspect((s) => s.show);
  const openObject = useInspect((s) => s.openObject);
  const selectCard = useLab((s) => s.select);
  const etcdCard = useLab((s) => s.topology?.components.find((c) => c.kind === 'etcd')?.id ?? null);
  const review = useTrace((s) => s.select);
  const showSidePanel = useLab((s) => s.showSidePanel);
  if (object === null && (etcd === null || etcdCard === null)) return null;
  return (
    <div className="step-nav ins-step-links">
      {object !== null && (
        <button
          type="button"
          className="live-button"
          onClick={() => {
            openObject(object);
            review(null);
            showSidePanel('inspect');
          }}
        >
          Inspect {objectLabel(object)}
        </button>
      )}
      {etcd !== null && etcdCard !== null && (
        <button
          type="button"
          className="live-button"
          aria-label={`Show ${etcd.key ?? ''} in etcd`}
          onClick={() => {
            show('component', etcd);
            selectCard(etcdCard);
            review(null);
            showSidePanel('inspect');
          }}
        >
          Show the key in etcd
        </button>
      )}
    </div>
  );
}
