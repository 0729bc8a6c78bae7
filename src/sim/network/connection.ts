/**
 * The contract of the packet path: who connects where, what answers at the far end (supplied
 * by the caller, who knows what the containers run), and what the client gets back.
 */
import type { ResolveResult } from './dns/resolver';
import type { ConnectSource } from './source';

/** Where a connection landed. */
export interface Endpoint {
  /** The node, or '' for a host outside the cluster. */
  readonly node: string;
  readonly ip: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  /** The pod listening there, for pod addresses. */
  readonly pod?: { readonly namespace: string; readonly name: string };
}

/** What answers at the far end; the caller knows what the containers run. */
export interface ConnectionTarget {
  /**
   * What listens on a pod's address and port, or null when nothing does (connection refused);
   * `client.step` is the hop that delivered the connection.
   */
  accept(endpoint: Endpoint, client: { readonly ip: string; readonly step?: number | null }): unknown | null;
  /** What listens on a node's own address (not a NodePort); refused when missing or null. */
  host?(node: string, port: number, protocol: 'TCP' | 'UDP', client: { readonly ip: string }): unknown | null;
  /** Hosts outside the cluster; the connection times out when missing or null. */
  external?(ip: string, port: number, protocol: 'TCP' | 'UDP'): unknown | null;
}

export interface ConnectRequest {
  readonly from: ConnectSource;
  /** A name or an IPv4 address. */
  readonly host: string;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
  readonly causedBy?: number | null;
}

/** Why a connection failed, as the client's system call reports it. */
export type ConnectError = 'bad-address' | 'refused' | 'timeout' | 'no-route';

export interface ConnectResult {
  readonly ok: boolean;
  readonly host: string;
  readonly port: number;
  /** The address the client connected to (null when the name did not resolve). */
  readonly address: string | null;
  readonly resolution: ResolveResult | null;
  readonly error: ConnectError | null;
  /** One line on what happened, e.g. `"default/web:http has no endpoints"`. */
  readonly reason: string;
  /** The Service port that DNATed the connection (`ns/name:port`), if any. */
  readonly service: string | null;
  readonly endpoint: Endpoint | null;
  /** The source address the destination saw (after any masquerade). */
  readonly clientIP: string | null;
  /** What the destination answered. */
  readonly response: unknown;
  readonly lastStep: number | null;
}
