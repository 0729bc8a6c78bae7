/**
 * The Fault custom resource (`faults.chaos.kubelab.dev`, cluster-scoped, v1alpha1), in the
 * manner of chaos tools that model experiments as custom resources: creating a Fault injects
 * it, deleting it heals it. This module is pure data (no apiserver imports): the CRD the
 * installer creates, the spec and status types, and the fault types with the target each
 * needs. The apiserver serves the resource as it serves an established CRD's (its structural
 * schema validates, its printer columns print).
 */
import type { KubeObject } from '../apiserver/types';

export const FAULT_GROUP = 'chaos.kubelab.dev';
export const FAULT_VERSION = 'v1alpha1';
export const FAULT_API_VERSION = `${FAULT_GROUP}/${FAULT_VERSION}`;
/** The finalizer the chaos controller puts on a Fault so it heals before the object goes. */
export const FAULT_FINALIZER = 'chaos.kubelab.dev/heal';

/** The fault types, and which spec field names the target of each. */
export const FAULT_TYPES = {
  KubeletStop: 'node',
  NodeNetworkPartition: 'node',
  ContainerKill: 'pod',
  NodeMemoryPressure: 'node',
  SchedulerStop: 'none',
  ControllerManagerStop: 'none',
  RegistryUnreachable: 'registry',
} as const;

export type FaultType = keyof typeof FAULT_TYPES;

/** What a Fault asks for. */
export interface FaultSpec {
  readonly type: FaultType;
  /** KubeletStop, NodeNetworkPartition, NodeMemoryPressure: the node. */
  readonly node?: string;
  /** ContainerKill: the pod (namespace `default` when omitted) and, optionally, its container. */
  readonly pod?: { readonly namespace?: string; readonly name: string; readonly container?: string };
  /** RegistryUnreachable: the registry host, e.g. `docker.io` or `registry.k8s.io`. */
  readonly registry?: string;
}

/** Active: in force until deleted. Applied: a one-shot fault that happened. Failed: see message. */
export type FaultPhase = 'Active' | 'Applied' | 'Failed';

/** What the chaos controller reports. */
export interface FaultStatus {
  readonly phase?: FaultPhase;
  /** What the fault hit, as the TARGET column shows it. */
  readonly target?: string;
  /** When the fault took effect. */
  readonly since?: string;
  readonly message?: string;
}

/** A Fault as clients read it. */
export type Fault = KubeObject & { spec?: FaultSpec; status?: FaultStatus };

const str = (description: string) => ({ type: 'string', minLength: 1, description });

/** The CustomResourceDefinition, as the installer applies it. */
export const FAULT_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `faults.${FAULT_GROUP}` },
  spec: {
    group: FAULT_GROUP,
    scope: 'Cluster',
    names: {
      plural: 'faults',
      singular: 'fault',
      kind: 'Fault',
      listKind: 'FaultList',
      categories: ['chaos'],
    },
    versions: [
      {
        name: FAULT_VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Type', type: 'string', jsonPath: '.spec.type' },
          { name: 'Target', type: 'string', jsonPath: '.status.target' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            description: 'A fault injected into the cluster while the object exists; deleting it heals.',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['type'],
                properties: {
                  type: { type: 'string', enum: Object.keys(FAULT_TYPES), description: 'What goes wrong.' },
                  node: str('The node (KubeletStop, NodeNetworkPartition, NodeMemoryPressure).'),
                  pod: {
                    type: 'object',
                    required: ['name'],
                    description: 'The pod whose container is killed (ContainerKill).',
                    properties: {
                      namespace: str('The pod namespace; default when omitted.'),
                      name: str('The pod name.'),
                      container: str('The container; the first one when omitted.'),
                    },
                  },
                  registry: str('The registry host (RegistryUnreachable), e.g. docker.io.'),
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string', enum: ['Active', 'Applied', 'Failed'] },
                  target: { type: 'string' },
                  since: { type: 'string', format: 'date-time' },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
    ],
  },
} as const;

/** The JSON schema subset the CRD uses (type, properties, required, enum, minLength). */
export interface StructuralSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly format?: string;
  readonly description?: string;
}

/** The Fault's openAPIV3Schema. */
export const FAULT_SCHEMA: StructuralSchema = FAULT_CRD.spec.versions[0].schema.openAPIV3Schema;
