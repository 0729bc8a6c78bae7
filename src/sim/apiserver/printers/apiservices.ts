/** APIServices (apiregistration.k8s.io), as kube-aggregator's table convertor prints them. */
import { availableCondition, type APIServiceObject } from '../aggregator/types';
import { AGE_COLUMN, NAME_COLUMN, column, printer } from './columns';
import { since } from './duration';

/** `kubectl get apiservices`: where each group-version is served, and whether it is available. */
export const apiServicePrinter = printer<APIServiceObject>(
  [
    NAME_COLUMN,
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    AGE_COLUMN,
  ],
  (obj, now) => {
    const service = obj.spec?.service;
    const condition = availableCondition(obj);
    const available =
      condition === undefined
        ? 'Unknown'
        : condition.status === 'True' || (condition.reason ?? '') === ''
          ? condition.status
          : `${condition.status} (${condition.reason ?? ''})`;
    return [
      obj.metadata.name ?? '',
      service === undefined || service === null
        ? 'Local'
        : `${service.namespace ?? ''}/${service.name ?? ''}`,
      available,
      since(obj.metadata.creationTimestamp, now),
    ];
  },
);
