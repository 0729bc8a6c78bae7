/** kubectl's global flags: the persistent flags of the root command, as far as this kubectl implements them. */
import { flag, type FlagSpec } from '../flags/flags';

/** The global flags every command accepts (kubectl's persistent root flags). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  flag.string(
    'as',
    'Username to impersonate for the operation. User could be a regular user or a service account in a namespace.',
  ),
  flag.stringArray(
    'as-group',
    'Group to impersonate for the operation, this flag can be repeated to specify multiple groups.',
  ),
  flag.string('as-uid', 'UID to impersonate for the operation.'),
  flag.string('cluster', 'The name of the kubeconfig cluster to use'),
  flag.string('context', 'The name of the kubeconfig context to use'),
  flag.string('namespace', 'If present, the namespace scope for this CLI request', { shorthand: 'n' }),
  flag.string(
    'request-timeout',
    "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.",
    { default: '0' },
  ),
  flag.string('user', 'The name of the kubeconfig user to use'),
  flag.level('v', 'number for the log level verbosity', { shorthand: 'v' }),
];
