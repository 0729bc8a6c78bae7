/**
 * host-local IPAM, as the CNI plugin of a kind node (kindnet's ptp + host-local) runs it:
 * pod IPs come from the node's podCIDR (a /24 such as 10.244.1.0/24), skipping the network
 * address, the gateway (.1) and the broadcast address. Like host-local, it hands out the
 * next free address after the last one it reserved, wrapping around, so a released address
 * is not reused straight away.
 */

/** One allocation: which sandbox holds which address. */
export interface Allocation {
  readonly ip: string;
  readonly containerId: string;
}

export class HostLocalIpam {
  readonly #base: number;
  readonly #size: number;
  readonly #prefix: number;
  readonly #byIp = new Map<number, string>();
  #last: number;

  constructor(readonly subnet: string) {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet);
    const prefix = Number(match?.[5] ?? NaN);
    if (match === null || !(prefix >= 8 && prefix <= 30)) throw new RangeError(`invalid pod CIDR ${subnet}`);
    const ip = toNumber(match.slice(1, 5).map(Number));
    this.#prefix = prefix;
    this.#size = 2 ** (32 - prefix);
    this.#base = ip - (ip % this.#size);
    this.#last = 1; // the gateway: the first allocation is .2
  }

  /** The gateway address (the range's first host). */
  get gateway(): string {
    return toText(this.#base + 1);
  }

  /** The prefix length of the subnet, for `10.244.1.2/24`. */
  get prefixLength(): number {
    return this.#prefix;
  }

  /** Reserves the next free address for `containerId`; throws when the range is exhausted. */
  allocate(containerId: string): string {
    const first = 2;
    const lastUsable = this.#size - 2;
    const span = lastUsable - first + 1;
    for (let i = 1; i <= span; i++) {
      const offset = first + ((this.#last - first + i + span) % span);
      if (this.#byIp.has(offset)) continue;
      this.#byIp.set(offset, containerId);
      this.#last = offset;
      return toText(this.#base + offset);
    }
    throw new Error(
      `failed to allocate for range 0: no IP addresses available in range set: ${this.gateway}-${toText(this.#base + lastUsable)}`,
    );
  }

  /** Releases whatever `containerId` holds (a no-op if it holds nothing). */
  release(containerId: string): string | null {
    for (const [offset, holder] of this.#byIp) {
      if (holder !== containerId) continue;
      this.#byIp.delete(offset);
      return toText(this.#base + offset);
    }
    return null;
  }

  /** Current allocations, lowest address first. */
  allocations(): Allocation[] {
    return [...this.#byIp.entries()]
      .sort(([a], [b]) => a - b)
      .map(([offset, containerId]) => ({ ip: toText(this.#base + offset), containerId }));
  }
}

function toNumber(octets: readonly number[]): number {
  return octets.reduce((n, o) => n * 256 + o, 0);
}

function toText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
