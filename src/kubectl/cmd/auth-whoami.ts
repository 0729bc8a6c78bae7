/**
 * `kubectl auth whoami`: who the apiserver says the user is (a SelfSubjectReview): a table
 * of username, UID, groups and extra attributes, or the review itself with `-o`.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { hasReason } from '../errors';
import { objectPrinter, PRINT_FLAGS } from '../mutate/print';
import { tabwrite } from '../printers';
import type { Command, CommandContext } from './types';

interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** The table kubectl prints without `-o`. */
function userTable(user: UserInfo): string {
  let text = 'ATTRIBUTE\tVALUE\n';
  if (user.username) text += `Username\t${user.username}\n`;
  if (user.uid) text += `UID\t${user.uid}\n`;
  if ((user.groups ?? []).length > 0) text += `Groups\t[${(user.groups ?? []).join(' ')}]\n`;
  for (const key of Object.keys(user.extra ?? {}).sort())
    text += `Extra: ${key}\t[${(user.extra?.[key] ?? []).join(' ')}]\n`;
  return tabwrite(text);
}

async function run(ctx: CommandContext): Promise<void> {
  const output = ctx.flags.string('output');
  const printer = output === '' ? undefined : objectPrinter(ctx);
  let review: KubeObject;
  try {
    review = await ctx.client().json<KubeObject>({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: {} },
      }),
    });
  } catch (error) {
    if (hasReason(error, 'Forbidden'))
      throw new Error(
        'the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
        { cause: error },
      );
    if (hasReason(error, 'NotFound'))
      throw new Error(
        'the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API',
        { cause: error },
      );
    throw error;
  }
  const user = ((review.status ?? {}) as { userInfo?: UserInfo }).userInfo ?? {};
  if (printer === undefined) {
    ctx.out.stdout(userTable(user));
    return;
  }
  // kubectl decodes the review into its Go type: fields print in the struct's order.
  const typed = {
    kind: review.kind,
    apiVersion: review.apiVersion,
    metadata: review.metadata,
    status: {
      userInfo: {
        ...(user.username ? { username: user.username } : {}),
        ...(user.uid ? { uid: user.uid } : {}),
        ...(user.groups ? { groups: user.groups } : {}),
        ...(user.extra ? { extra: user.extra } : {}),
      },
    },
  };
  if (output === 'json') {
    // The JSON printer sorts keys (right for unstructured objects); a typed one keeps its order.
    const json = JSON.stringify(typed, null, 4).replace(
      /[<>&]/g,
      (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
    );
    ctx.out.stdout(`${json}\n`);
    return;
  }
  printer.print(typed as unknown as KubeObject, '');
}

export const whoami: Command = {
  name: 'whoami',
  usage: 'whoami',
  short: 'Experimental: Check self subject attributes',
  long: 'Experimental: Check who you are and your attributes (groups, extra), as the apiserver authenticated you: useful when a token webhook, an authenticating proxy or OIDC decides who you are.',
  example: '# Show who I am\nkubectl auth whoami\n\n# Show who I am, as JSON\nkubectl auth whoami -o json',
  flags: [...PRINT_FLAGS],
  run,
};
