/**
 * Where a trace step's endpoint animates on the graph. The trace names more endpoints than
 * the topology draws (the OCI runtime under the CRI, the CNI plugin, a pod, CoreDNS...):
 * every one maps onto a card, with the part of the card it stands for, so no step is
 * dropped. Unknown endpoints land on kube-apiserver and are flagged `fallback`.
 */
import { INTERNET_CARD, podsCard, workerCard } from './extra-cards';

/** The card an endpoint animates on. */
export interface Anchor {
  /** The id of the graph card. */
  readonly card: string;
  /** What on that card the endpoint is, when it is not the card itself (`runc`, `CNI`, `pod default/web`). */
  readonly part: string | null;
  /** True when no rule knows the endpoint: it is shown on kube-apiserver. */
  readonly fallback: boolean;
}

/** The control-plane node's name and kube-apiserver's card, the anchor of last resort. */
const CONTROL_PLANE = 'control-plane';
const APISERVER = `${CONTROL_PLANE}/kube-apiserver`;

/** The OCI runtimes under the CRI runtime: containerd's runc, CRI-O's crun. */
const OCI_RUNTIMES = new Set(['runc', 'crun', 'youki', 'runsc']);

/** The components every node runs: a large cluster draws them all on one card per worker. */
const NODE_COMPONENTS = new Set(['kubelet', 'kube-proxy', 'container-runtime']);

/** Per-node endpoints that live with the node's pods. */
const NODE_PARTS: Readonly<Record<string, string>> = { cni: 'CNI', csi: 'CSI', host: 'host network' };

/** Cluster add-ons the simulation runs as API clients of their own: they are pods. */
const ADDONS: Readonly<Record<string, string>> = {
  [`${CONTROL_PLANE}/coredns`]: 'CoreDNS',
  [`${CONTROL_PLANE}/csi-provisioner`]: 'csi-provisioner',
  [`${CONTROL_PLANE}/csi-attacher`]: 'csi-attacher',
  'metrics-server': 'metrics-server',
  'ingress-nginx-controller': 'ingress-nginx',
};

/** The cards an endpoint may land on, best first, and the part it is. */
interface Rule {
  readonly cards: readonly string[];
  readonly part: string | null;
  readonly known: boolean;
}

function rule(id: string): Rule {
  const addon = ADDONS[id];
  if (addon !== undefined) return { cards: [podsCard(CONTROL_PLANE), APISERVER], part: addon, known: true };
  if (id === 'upstream-dns')
    return { cards: [INTERNET_CARD, podsCard(CONTROL_PLANE)], part: 'DNS', known: true };
  const slash = id.indexOf('/');
  if (slash < 0) return { cards: [id], part: null, known: false };
  const machine = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  const node = workerCard(machine);
  if (OCI_RUNTIMES.has(rest))
    return { cards: [`${machine}/container-runtime`, node], part: rest, known: true };
  if (NODE_COMPONENTS.has(rest)) return { cards: [id, node], part: rest, known: true };
  const nodePart = NODE_PARTS[rest];
  if (nodePart !== undefined)
    return { cards: [podsCard(machine), `${machine}/kubelet`, node], part: nodePart, known: true };
  if (rest.startsWith('pod/')) {
    const pod = rest.slice('pod/'.length);
    return { cards: [podsCard(machine), `${machine}/kubelet`, node], part: `pod ${pod}`, known: true };
  }
  return { cards: [id, podsCard(machine), `${machine}/kubelet`, node], part: rest, known: false };
}

/**
 * Maps step endpoints to cards for one graph (the set of card ids it draws), remembering
 * each answer: the same few hundred ids recur in every batch.
 */
export class AnchorResolver {
  readonly #cards: ReadonlySet<string>;
  readonly #cache = new Map<string, Anchor>();

  constructor(cards: Iterable<string>) {
    this.#cards = new Set(cards);
  }

  /** The card `id` animates on. */
  resolve(id: string): Anchor {
    let anchor = this.#cache.get(id);
    if (anchor === undefined) {
      anchor = this.#compute(id);
      this.#cache.set(id, anchor);
    }
    return anchor;
  }

  #compute(id: string): Anchor {
    if (this.#cards.has(id)) return { card: id, part: null, fallback: false };
    const { cards, part, known } = rule(id);
    const card = cards.find((c) => this.#cards.has(c));
    if (card !== undefined) return { card, part: card === id ? null : part, fallback: !known };
    return { card: this.#cards.has(APISERVER) ? APISERVER : id, part: id, fallback: true };
  }
}
