/**
 * A cluster CIDR cut into equal node subnets (upstream's nodeipam cidrset): 10.244.0.0/16
 * with a /24 node mask is 256 subnets, handed out in order starting after the last one
 * given, so a released subnet is not reused at once.
 */

/** An IPv4 CIDR as numbers. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n` (the address masked to its prefix), or throws. */
export function parseCidr(text: string): Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  const octets = m?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(m?.[5]);
  if (m === null || octets.some((o) => o > 255) || prefix > 32)
    throw new RangeError(`invalid CIDR address: ${text}`);
  const ip = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix };
}

/** `a.b.c.d/n`. */
export function formatCidr(c: Cidr): string {
  const octets = [24, 16, 8, 0].map((s) => Math.floor(c.base / 2 ** s) % 256);
  return `${octets.join('.')}/${c.prefix}`;
}

/** The subnets of one cluster CIDR and which are taken. */
export class CidrSet {
  readonly #cluster: Cidr;
  readonly #used: boolean[];
  #next = 0;

  constructor(
    clusterCidr: string,
    readonly nodeMaskSize: number,
  ) {
    this.#cluster = parseCidr(clusterCidr);
    if (nodeMaskSize < this.#cluster.prefix || nodeMaskSize > 32)
      throw new RangeError(`node mask /${nodeMaskSize} does not fit in cluster CIDR ${clusterCidr}`);
    this.#used = new Array<boolean>(2 ** (nodeMaskSize - this.#cluster.prefix)).fill(false);
  }

  /** How many subnets are free. */
  get free(): number {
    return this.#used.filter((u) => !u).length;
  }

  /** Takes the next free subnet; throws upstream's error when all are taken. */
  allocateNext(): string {
    const max = this.#used.length;
    for (let i = 0; i < max; i++) {
      const candidate = (this.#next + i) % max;
      if (this.#used[candidate] === true) continue;
      this.#used[candidate] = true;
      this.#next = (candidate + 1) % max;
      return formatCidr(this.#subnet(candidate));
    }
    throw new Error(
      'CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range',
    );
  }

  /** Marks a subnet taken (a node that already has it); throws if it is outside the range. */
  occupy(cidr: string): void {
    this.#used[this.#index(cidr)] = true;
  }

  /** Gives a subnet back. */
  release(cidr: string): void {
    this.#used[this.#index(cidr)] = false;
  }

  #subnet(index: number): Cidr {
    return { base: this.#cluster.base + index * 2 ** (32 - this.nodeMaskSize), prefix: this.nodeMaskSize };
  }

  #index(text: string): number {
    const c = parseCidr(text);
    const index = (c.base - this.#cluster.base) / 2 ** (32 - this.nodeMaskSize);
    if (c.prefix !== this.nodeMaskSize || !Number.isInteger(index) || index < 0 || index >= this.#used.length)
      throw new RangeError(`CIDR ${text} is out of the range of cluster CIDR ${formatCidr(this.#cluster)}`);
    return index;
  }
}
