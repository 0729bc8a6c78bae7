/**
 * The in-page kubeconfig: clusters, users, contexts and the current context, in the shape
 * of a kubeconfig file. It lives for the terminal session, so `kubectl config
 * set-context --current --namespace=X` changes the namespace of later commands. Resolution
 * follows client-go's clientcmd, including its error texts for a missing context, cluster
 * or user named with `--context`, `--cluster` or `--user`.
 */
import { ConfigError } from './errors';

export interface NamedCluster {
  name: string;
  cluster: { server?: string; [field: string]: unknown };
}

export interface NamedUser {
  name: string;
  user: Record<string, unknown>;
}

export interface NamedContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string; [field: string]: unknown };
}

/** A kubeconfig document (clientcmd/api/v1 Config), field names as in the file. */
export interface KubeconfigData {
  apiVersion: string;
  kind: string;
  clusters: NamedCluster[];
  contexts: NamedContext[];
  users: NamedUser[];
  'current-context': string;
  preferences: Record<string, unknown>;
}

/** The global flags that override the kubeconfig for one command. */
export interface ConfigOverrides {
  readonly context: string;
  readonly cluster: string;
  readonly user: string;
  /** `-n`: '' when not given. */
  readonly namespace: string;
}

/** What a command connects with: the server URL and the names it was resolved from. */
export interface ClientConfig {
  readonly server: string;
  readonly contextName: string;
  readonly clusterName: string;
  readonly userName: string;
}

/** The server client-go falls back to when the cluster has none. */
export const FALLBACK_SERVER = 'http://localhost:8080';

/** The names the in-page cluster's kubeconfig uses (as kubeadm's admin.conf names them). */
const CLUSTER_NAME = 'kubelab';
const USER_NAME = 'kubernetes-admin';
export const CONTEXT_NAME = `${USER_NAME}@${CLUSTER_NAME}`;

/** A kubeconfig with one cluster at `server`, its admin user, and a context in `default`. */
export function defaultKubeconfig(server: string): KubeconfigData {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CLUSTER_NAME, cluster: { server } }],
    contexts: [
      { name: CONTEXT_NAME, context: { cluster: CLUSTER_NAME, user: USER_NAME, namespace: 'default' } },
    ],
    users: [{ name: USER_NAME, user: {} }],
    'current-context': CONTEXT_NAME,
    preferences: {},
  };
}

/** The session's kubeconfig and how commands resolve it (with the global flags' overrides). */
export class Kubeconfig {
  constructor(public data: KubeconfigData) {}

  context(name: string): NamedContext | undefined {
    return this.data.contexts.find((c) => c.name === name);
  }

  cluster(name: string): NamedCluster | undefined {
    return this.data.clusters.find((c) => c.name === name);
  }

  user(name: string): NamedUser | undefined {
    return this.data.users.find((u) => u.name === name);
  }

  /**
   * The namespace commands use and whether the user chose it: `-n`, else the context's,
   * else `default` (clientcmd's Namespace(), which first checks the config is usable).
   */
  namespace(overrides: ConfigOverrides): { namespace: string; explicit: boolean } {
    if (overrides.namespace !== '') return { namespace: overrides.namespace, explicit: true };
    const contextName = overrides.context || this.data['current-context'];
    const context = this.context(contextName);
    if (contextName !== '' && context === undefined)
      throw new ConfigError(`context was not found for specified context: ${contextName}`);
    const clusterName = overrides.cluster || context?.context.cluster || '';
    if (overrides.cluster !== '' && this.cluster(clusterName) === undefined)
      throw new Error(`no server found for cluster ${JSON.stringify(clusterName)}`);
    return { namespace: context?.context.namespace || 'default', explicit: false };
  }

  /** The server and names a command connects with (clientcmd's ClientConfig()). */
  clientConfig(overrides: ConfigOverrides): ClientConfig {
    const contextName = overrides.context || this.data['current-context'];
    const context = this.context(contextName);
    const userName = overrides.user || context?.context.user || '';
    if (overrides.user !== '' && this.user(userName) === undefined)
      throw new Error(`auth info ${JSON.stringify(userName)} does not exist`);
    if (overrides.context !== '' && context === undefined)
      throw new Error(`context ${JSON.stringify(contextName)} does not exist`);
    const clusterName = overrides.cluster || context?.context.cluster || '';
    const cluster = this.cluster(clusterName);
    if (overrides.cluster !== '' && cluster === undefined)
      throw new Error(`cluster ${JSON.stringify(clusterName)} does not exist`);
    return { server: cluster?.cluster.server || FALLBACK_SERVER, contextName, clusterName, userName };
  }
}
