/**
 * kube-apiserver's Service allocators: a ClusterIP from the service CIDR (10.96.0.0/12 by
 * default; 10.96.0.1 belongs to the `kubernetes` Service) and NodePorts from 30000-32767,
 * picked at random (with the kernel's seeded RNG) among the free ones, as upstream's bitmap
 * allocators do, and released when the Service is deleted.
 */
import type { Kernel } from '../kernel/kernel';
import { ApiError } from './status';
import type { KubeObject } from './types';

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0
const SERVICE_CIDR_SIZE = 1 << 20; // a /12
/** The first address of the service CIDR, the `kubernetes` Service's ClusterIP. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const ipString = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: { nodePort?: number }[];
}

export class ServiceAllocators {
  /** 10.96.0.1 is claimed by the `kubernetes` Service the apiserver creates at start-up. */
  readonly #ips = new Set<string>();
  readonly #ports = new Set<number>();

  constructor(private readonly kernel: Kernel) {}

  /** Fills in clusterIP(s), IP families and node ports of a Service being created. */
  allocate(service: KubeObject): KubeObject {
    const spec = { ...(service.spec as ServiceSpec | undefined) };
    const type = spec.type ?? 'ClusterIP';
    if (type !== 'ExternalName') {
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = this.#freeIp();
      else if (spec.clusterIP !== 'None') this.#claimIp(spec.clusterIP, service.metadata.name ?? '');
      spec.clusterIPs = [spec.clusterIP];
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      spec.ports = (spec.ports ?? []).map((p) =>
        p.nodePort === undefined || p.nodePort === 0
          ? { ...p, nodePort: this.#freePort() }
          : (this.#claimPort(p.nodePort), p),
      );
    }
    return { ...service, spec };
  }

  /** Returns a deleted Service's addresses and ports to the pools. */
  release(service: KubeObject): void {
    const spec = service.spec as ServiceSpec | undefined;
    for (const ip of spec?.clusterIPs ?? []) this.#ips.delete(ip);
    for (const p of spec?.ports ?? []) if (p.nodePort !== undefined) this.#ports.delete(p.nodePort);
  }

  #freeIp(): string {
    for (;;) {
      const ip = ipString(SERVICE_CIDR_BASE + this.kernel.rng.int(1, SERVICE_CIDR_SIZE - 2));
      if (!this.#ips.has(ip)) {
        this.#ips.add(ip);
        return ip;
      }
    }
  }

  #claimIp(ip: string, name: string): void {
    if (this.#ips.has(ip)) {
      throw invalidService(
        name,
        'spec.clusterIPs',
        ip,
        'failed to allocate IP ' + ip + ': provided IP is already allocated',
      );
    }
    this.#ips.add(ip);
  }

  #freePort(): number {
    if (this.#ports.size > NODE_PORT_MAX - NODE_PORT_MIN)
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'range is full',
        reason: 'InternalError',
        code: 500,
      });
    for (;;) {
      const port = this.kernel.rng.int(NODE_PORT_MIN, NODE_PORT_MAX);
      if (!this.#ports.has(port)) {
        this.#ports.add(port);
        return port;
      }
    }
  }

  #claimPort(port: number): void {
    this.#ports.add(port);
  }
}

function invalidService(name: string, field: string, value: string, detail: string): ApiError {
  const message = `${field}: Invalid value: []string{"${value}"}: ${detail}`;
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Service "${name}" is invalid: ${message}`,
    reason: 'Invalid',
    details: {
      name,
      kind: 'Service',
      causes: [
        { reason: 'FieldValueInvalid', message: `Invalid value: []string{"${value}"}: ${detail}`, field },
      ],
    },
    code: 422,
  });
}
