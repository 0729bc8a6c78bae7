import { CATALOG, infoFor } from '../catalog';
import { useLab } from '../lab-context';

const PROTOCOL_NAMES = { 'kubernetes-api': 'Kubernetes API', etcd: 'etcd gRPC', cri: 'CRI' } as const;

/** Explains the selected component, or the cluster as a whole when nothing is selected. */
export function Inspector() {
  const topology = useLab((s) => s.topology);
  const options = useLab((s) => s.options);
  const selected = useLab((s) => s.selected);
  const component = topology?.components.find((c) => c.id === selected);

  if (topology === null || options === null) return null;
  if (component === undefined) {
    const workers = topology.machines.filter((m) => m.role === 'worker').length;
    return (
      <section className="panel inspector" aria-labelledby="inspector-title">
        <h2 id="inspector-title">Your cluster</h2>
        <p className="lede">
          One control-plane node and {workers} worker {workers === 1 ? 'node' : 'nodes'}, simulated in your
          browser (seed {options.seed}).
        </p>
        <p className="hint">
          Select a component to see what it does. Every arrow ends at kube-apiserver: in Kubernetes,
          components never talk to each other directly — they read and write objects through the API.
        </p>
      </section>
    );
  }
  const info = infoFor(component);
  const links = topology.links.filter((l) => l.from === component.id || l.to === component.id);
  const nameOf = (id: string) => {
    const other = topology.components.find((c) => c.id === id);
    return other === undefined
      ? id
      : `${CATALOG[other.kind].title}${other.machine === null ? '' : ` (${other.machine})`}`;
  };
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <p className={`eyebrow tier-${info.tier}`}>{component.machine ?? 'outside the cluster'}</p>
      <h2 id="inspector-title">{info.title}</h2>
      <p className="role">{info.role}</p>
      <p className="lede">{info.description}</p>
      <h3>Talks to</h3>
      <ul className="links">
        {links.map((l) => (
          <li key={`${l.from}->${l.to}`}>
            <span>{l.from === component.id ? `→ ${nameOf(l.to)}` : `← ${nameOf(l.from)}`}</span>
            <span className="protocol">{PROTOCOL_NAMES[l.protocol]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
