/** apiregistration.k8s.io/v1 APIService, as the aggregator reads it. */
import { findResource, type ResourceInfo } from '../resources';
import type { KubeObject } from '../types';

export interface APIServiceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface APIServiceObject extends KubeObject {
  spec?: {
    /** The Service in front of the server; none (null) for groups kube-apiserver serves itself. */
    service?: { namespace?: string; name?: string; port?: number } | null;
    group?: string;
    version?: string;
    insecureSkipTLSVerify?: boolean;
    groupPriorityMinimum?: number;
    versionPriority?: number;
  };
  status?: { conditions?: APIServiceCondition[] };
}

export const APISERVICES = findResource('apiregistration.k8s.io', 'v1', 'apiservices') as ResourceInfo;

/** The Available condition, if set. */
export function availableCondition(obj: APIServiceObject): APIServiceCondition | undefined {
  return obj.status?.conditions?.find((c) => c.type === 'Available');
}
