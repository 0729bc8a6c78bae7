import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLab } from '../lab-context';
import { FAULT_KINDS, REGISTRIES, faultsClient, type FaultRow } from './faults-client';
import './faults.css';

/**
 * The sidebar's Faults panel: the Faults in the cluster, each with a Heal button (deleting
 * the Fault heals it), and a form that injects one against a live node, pod or registry.
 * Everything goes through kubectl, as a person at the terminal would.
 */
export function FaultsPanel() {
  const kubectl = useLab((s) => s.kubectl);
  const pipe = useLab((s) => s.pipe);
  // The simulation answers once it has reported its clock.
  const ready = useLab((s) => s.clock !== null);
  // Read-only (`?readonly=1`): the Faults are listed, not injected or healed.
  const readOnly = useLab((s) => s.settings.readOnly);
  const client = useMemo(() => faultsClient(kubectl, pipe), [kubectl, pipe]);
  const [faults, setFaults] = useState<FaultRow[]>([]);
  const [type, setType] = useState<string>(FAULT_KINDS[0].type);
  const [targets, setTargets] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = FAULT_KINDS.find((k) => k.type === type) ?? FAULT_KINDS[0];

  const refresh = useCallback(async () => {
    try {
      setFaults(await client.faults());
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }, [client]);

  const targetsOf = useCallback(async (): Promise<string[]> => {
    if (kind.target === 'node') return client.nodes();
    if (kind.target === 'pod') return client.pods();
    return kind.target === 'registry' ? [...REGISTRIES] : [];
  }, [client, kind.target]);

  const loadTargets = useCallback(
    () =>
      targetsOf().then(
        (found) => {
          setTargets(found);
          setTarget((t) => (found.includes(t) ? t : (found[0] ?? '')));
        },
        () => setTargets([]),
      ),
    [targetsOf],
  );

  // What is there when the panel opens, and the targets of the fault type chosen.
  useEffect(() => {
    if (!ready) return;
    let live = true;
    client.faults().then(
      (rows) => live && setFaults(rows),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, ready]);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    let retry = 0;
    // Until the simulation's kubectl answers (`no cluster yet` right after start), try again.
    const load = () =>
      targetsOf().then(
        (found) => {
          if (!live) return;
          setTargets(found);
          setTarget((t) => (found.includes(t) ? t : (found[0] ?? '')));
        },
        (error: unknown) => {
          if (!live) return;
          setMessage(error instanceof Error ? error.message : String(error));
          retry = window.setTimeout(load, 1000);
        },
      );
    void load();
    return () => {
      live = false;
      window.clearTimeout(retry);
    };
  }, [targetsOf, ready]);

  /** Runs an action, shows what kubectl said, and lists the Faults again once it settled. */
  const act = async (action: () => Promise<{ code: number; stdout: string; stderr: string }>) => {
    setBusy(true);
    const result = await action();
    setMessage((result.code === 0 ? result.stdout : result.stderr).trim());
    setBusy(false);
    await refresh();
    window.setTimeout(() => void refresh(), 800);
  };

  return (
    <section className="panel faults-panel" aria-labelledby="faults-title">
      <div className="faults-head">
        <h2 id="faults-title">Faults</h2>
        <button type="button" className="faults-refresh" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {faults.length === 0 ? (
        <p className="faults-empty">No faults injected.</p>
      ) : (
        <ul className="faults-list" aria-label="Injected faults">
          {faults.map((f) => (
            <li key={f.name} className={`fault fault-${f.phase.toLowerCase()}`}>
              <span className="fault-text">
                <span className="fault-type">{f.type}</span>
                <span className="fault-target">{f.target || f.message}</span>
                <span className="fault-phase">{f.phase}</span>
              </span>
              {!readOnly && (
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Heal ${f.name}`}
                  onClick={() => void act(() => client.heal(f.name))}
                >
                  Heal
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {readOnly ? (
        <p className="faults-empty">Read-only: faults can be watched here, not injected or healed.</p>
      ) : (
        <form
          className="faults-form"
          aria-label="Inject a fault"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => client.inject(kind, target));
          }}
        >
          <label>
            Fault type
            <select value={type} onChange={(e) => setType(e.target.value)}>
              {FAULT_KINDS.map((k) => (
                <option key={k.type} value={k.type}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          {kind.target !== 'none' && (
            <label>
              Target
              <select
                value={target}
                onChange={(e) => setTarget(e.target.value)}
                onFocus={() => void loadTargets()}
              >
                {targets.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy || (kind.target !== 'none' && target === '')}>
            Inject
          </button>
        </form>
      )}
      {message !== null && message !== '' && (
        <p className="faults-message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
