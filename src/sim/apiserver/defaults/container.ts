/**
 * Container defaults, applied to every container, init container and ephemeral container
 * of a pod spec, wherever that pod spec sits (pods, templates, job templates).
 */
import type {
  Container,
  EnvVar,
  HTTPGetAction,
  LifecycleHandler,
  ObjectFieldSelector,
  Probe,
} from 'kubernetes-types/core/v1';
import { defaultPullPolicy } from './image';
import { isEmptyString, isNil, isZero, present, records } from './util';

/** Where a container's termination message is read from unless it says otherwise. */
export const TERMINATION_MESSAGE_PATH = '/dev/termination-log';

/** Fills `apiVersion: v1` into a field reference (env `fieldRef`, downward API items). */
export function defaultFieldSelector(selector: ObjectFieldSelector): void {
  if (isEmptyString(selector.apiVersion)) selector.apiVersion = 'v1';
}

/** An HTTP GET action (probe or lifecycle hook) requests `/` over plain HTTP by default. */
export function defaultHTTPGet(action: HTTPGetAction): void {
  if (isEmptyString(action.path)) action.path = '/';
  if (isEmptyString(action.scheme)) action.scheme = 'HTTP';
}

/**
 * A probe runs every 10 s with a 1 s timeout; one success makes it pass, three failures in
 * a row make it fail. A gRPC probe asks for the server's overall health (service "").
 */
export function defaultProbe(probe: Probe): void {
  if (isZero(probe.timeoutSeconds)) probe.timeoutSeconds = 1;
  if (isZero(probe.periodSeconds)) probe.periodSeconds = 10;
  if (isZero(probe.successThreshold)) probe.successThreshold = 1;
  if (isZero(probe.failureThreshold)) probe.failureThreshold = 3;
  const httpGet = present(probe, 'httpGet');
  if (httpGet) defaultHTTPGet(httpGet);
  const grpc = present(probe, 'grpc');
  if (grpc && isNil(grpc.service)) grpc.service = '';
}

function defaultLifecycleHandler(handler: LifecycleHandler | undefined): void {
  const httpGet = handler && present(handler, 'httpGet');
  if (httpGet) defaultHTTPGet(httpGet);
}

function defaultEnv(env: EnvVar[] | undefined): void {
  for (const variable of records(env)) {
    const valueFrom = present(variable, 'valueFrom');
    const fieldRef = valueFrom && present(valueFrom, 'fieldRef');
    if (fieldRef) defaultFieldSelector(fieldRef);
  }
}

/**
 * Defaults one container: the pull policy from the image tag, the termination message
 * path and policy, port protocols, env field references, probes and lifecycle hooks.
 * Ephemeral containers share this shape and these defaults.
 */
export function defaultContainer(container: Container): void {
  if (isEmptyString(container.imagePullPolicy)) {
    container.imagePullPolicy = defaultPullPolicy(container.image);
  }
  if (isEmptyString(container.terminationMessagePath)) {
    container.terminationMessagePath = TERMINATION_MESSAGE_PATH;
  }
  if (isEmptyString(container.terminationMessagePolicy)) container.terminationMessagePolicy = 'File';
  for (const port of records(container.ports)) {
    if (isEmptyString(port.protocol)) port.protocol = 'TCP';
  }
  defaultEnv(container.env);
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = present(container, key);
    if (probe) defaultProbe(probe);
  }
  const lifecycle = present(container, 'lifecycle');
  if (lifecycle) {
    defaultLifecycleHandler(present(lifecycle, 'postStart'));
    defaultLifecycleHandler(present(lifecycle, 'preStop'));
  }
}
