import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors';
import { FALLBACK_SERVER, Kubeconfig, defaultKubeconfig, type ConfigOverrides } from './kubeconfig';

const none: ConfigOverrides = { context: '', cluster: '', user: '', namespace: '' };

function config(): Kubeconfig {
  const data = defaultKubeconfig('https://127.0.0.1:6443');
  data.contexts.push({ name: 'orphan', context: { cluster: 'gone', namespace: 'web' } });
  return new Kubeconfig(data);
}

describe('Kubeconfig', () => {
  it('takes the namespace from -n, else from the context, else default', () => {
    const kc = config();
    expect(kc.namespace(none)).toEqual({ namespace: 'default', explicit: false });
    expect(kc.namespace({ ...none, namespace: 'kube-system' })).toEqual({
      namespace: 'kube-system',
      explicit: true,
    });
    expect(kc.namespace({ ...none, context: 'orphan' })).toEqual({ namespace: 'web', explicit: false });
    delete kc.data.contexts[0]?.context.namespace;
    expect(kc.namespace(none)).toEqual({ namespace: 'default', explicit: false });
  });

  it('connects to the current context cluster', () => {
    expect(config().clientConfig(none)).toEqual({
      server: 'https://127.0.0.1:6443',
      contextName: 'kubernetes-admin@kubelab',
      clusterName: 'kubelab',
      userName: 'kubernetes-admin',
    });
  });

  it('falls back to localhost:8080 for a context whose cluster is missing, as client-go does', () => {
    expect(config().clientConfig({ ...none, context: 'orphan' }).server).toBe(FALLBACK_SERVER);
  });

  it.each<[string, Partial<ConfigOverrides>, 'namespace' | 'clientConfig', string, boolean]>([
    [
      'unknown context (namespace)',
      { context: 'nope' },
      'namespace',
      'context was not found for specified context: nope',
      true,
    ],
    [
      'unknown cluster (namespace)',
      { cluster: 'nope' },
      'namespace',
      'no server found for cluster "nope"',
      false,
    ],
    ['unknown context', { context: 'nope' }, 'clientConfig', 'context "nope" does not exist', false],
    ['unknown cluster', { cluster: 'nope' }, 'clientConfig', 'cluster "nope" does not exist', false],
    ['unknown user', { user: 'nope' }, 'clientConfig', 'auth info "nope" does not exist', false],
    [
      'unknown user and context: the user first',
      { user: 'u', context: 'c' },
      'clientConfig',
      'auth info "u" does not exist',
      false,
    ],
  ])('%s', (_, overrides, method, message, isConfigError) => {
    const kc = config();
    const call = () =>
      method === 'namespace'
        ? kc.namespace({ ...none, ...overrides })
        : kc.clientConfig({ ...none, ...overrides });
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(error instanceof ConfigError).toBe(isConfigError);
    }
  });
});
