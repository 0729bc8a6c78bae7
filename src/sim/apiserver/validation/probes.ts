/**
 * Probes and lifecycle hooks: exactly one handler, valid ports, and the probe thresholds.
 */
import type { FieldError, Path } from './field';
import { forbidden, invalid, nonNegative, notSupported, required } from './field';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names';
import { arr, num, rec, str } from './util';

/** ValidatePortNumOrName for an IntOrString port. */
export function validatePortNumOrName(port: unknown, at: Path): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(at, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(at, n, m));
}

type HandlerKind = 'probe' | 'lifecycle';

function validateHandler(
  h: Record<string, unknown>,
  kind: HandlerKind,
  grace: number,
  at: Path,
): FieldError[] {
  const errs: FieldError[] = [];
  const keys =
    kind === 'probe' ? ['exec', 'httpGet', 'tcpSocket', 'grpc'] : ['exec', 'httpGet', 'tcpSocket', 'sleep'];
  let count = 0;
  for (const key of keys) {
    const v = h[key];
    if (v === undefined || v === null) continue;
    if (count > 0) {
      errs.push(forbidden(at.child(key), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const p = at.child(key);
    const a = rec(v);
    switch (key) {
      case 'exec':
        if (arr(a['command']).length === 0) errs.push(required(p.child('command')));
        break;
      case 'httpGet': {
        // path and scheme are defaulted ("/" and HTTP) before validation runs.
        const scheme = str(a['scheme']) || 'HTTP';
        errs.push(...validatePortNumOrName(a['port'], p.child('port')));
        if (scheme !== 'HTTP' && scheme !== 'HTTPS')
          errs.push(notSupported(p.child('scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const header of arr<Record<string, unknown>>(a['httpHeaders'])) {
          const name = str(header?.['name']);
          for (const m of isHTTPHeaderName(name)) errs.push(invalid(p.child('httpHeaders'), name, m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(a['port'], p.child('port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(a['port']) ?? 0, p.child('port')));
        break;
      case 'sleep': {
        const seconds = num(a['seconds']) ?? 0;
        if (seconds <= 0 || seconds > grace) {
          errs.push(
            invalid(
              p,
              seconds,
              `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
            ),
          );
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(at, 'must specify a handler type'));
  return errs;
}

/** Which probe: liveness and startup need successThreshold 1, readiness no grace period. */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe */
export function validateProbe(probe: unknown, kind: ProbeKind, grace: number, at: Path): FieldError[] {
  if (probe === undefined || probe === null) return [];
  const p = rec(probe);
  const errs = validateHandler(p, 'probe', grace, at);
  const success = num(p['successThreshold']) || 1;
  errs.push(...nonNegative(p['initialDelaySeconds'], at.child('initialDelaySeconds')));
  errs.push(...nonNegative(p['timeoutSeconds'], at.child('timeoutSeconds')));
  errs.push(...nonNegative(p['periodSeconds'], at.child('periodSeconds')));
  errs.push(...nonNegative(success, at.child('successThreshold')));
  errs.push(...nonNegative(p['failureThreshold'], at.child('failureThreshold')));
  const tgps = num(p['terminationGracePeriodSeconds']);
  if (tgps !== undefined && tgps <= 0)
    errs.push(invalid(at.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && success !== 1)
    errs.push(invalid(at.child('successThreshold'), success, 'must be 1'));
  if (kind === 'readiness' && tgps !== undefined) {
    errs.push(
      invalid(at.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'),
    );
  }
  return errs;
}

/** validateLifecycle: postStart and preStop handlers. */
export function validateLifecycle(lifecycle: unknown, grace: number, at: Path): FieldError[] {
  const l = rec(lifecycle);
  const errs: FieldError[] = [];
  if (l['postStart'])
    errs.push(...validateHandler(rec(l['postStart']), 'lifecycle', grace, at.child('postStart')));
  if (l['preStop']) errs.push(...validateHandler(rec(l['preStop']), 'lifecycle', grace, at.child('preStop')));
  return errs;
}
