/**
 * Pod and container security contexts: user and group IDs, seccomp, procMount and the
 * privilege-escalation conflicts.
 */
import type { FieldError, Path } from './field';
import { invalid, notSupported, required } from './field';
import { GoValue, goPointer } from './gofmt';
import { isValidID } from './names';
import { arr, num, rec, str } from './util';
import { localDescendingPath } from './volumes';

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function validateSeccomp(profile: unknown, at: Path): FieldError[] {
  if (profile === undefined || profile === null) return [];
  const sp = rec(profile);
  const errs: FieldError[] = [];
  const type = str(sp['type']);
  if (!type) errs.push(required(at.child('type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(type)) errs.push(notSupported(at.child('type'), type, SECCOMP_TYPES));
  const local = sp['localhostProfile'];
  if (type === 'Localhost') {
    if (typeof local !== 'string')
      errs.push(required(at.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...localDescendingPath(local, at.child('localhostProfile')));
  } else if (local !== undefined && local !== null) {
    const printed = new GoValue(
      `core.SeccompProfile{Type:"${type}", LocalhostProfile:${goPointer('string', true)}}`,
    );
    errs.push(
      invalid(at.child('localhostProfile'), printed, 'can only be set when seccomp type is Localhost'),
    );
  }
  return errs;
}

function ids(sc: Record<string, unknown>, keys: readonly string[], at: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of keys) {
    const id = num(sc[key]);
    if (id !== undefined) for (const m of isValidID(id)) errs.push(invalid(at.child(key), id, m));
  }
  return errs;
}

/** `%#v` of a core.SecurityContext: every field is a pointer. */
function goSecurityContext(sc: Record<string, unknown>): GoValue {
  const fields: Array<[string, string, string]> = [
    ['Capabilities', 'capabilities', 'core.Capabilities'],
    ['Privileged', 'privileged', 'bool'],
    ['SELinuxOptions', 'seLinuxOptions', 'core.SELinuxOptions'],
    ['WindowsOptions', 'windowsOptions', 'core.WindowsSecurityContextOptions'],
    ['RunAsUser', 'runAsUser', 'int64'],
    ['RunAsGroup', 'runAsGroup', 'int64'],
    ['RunAsNonRoot', 'runAsNonRoot', 'bool'],
    ['ReadOnlyRootFilesystem', 'readOnlyRootFilesystem', 'bool'],
    ['AllowPrivilegeEscalation', 'allowPrivilegeEscalation', 'bool'],
    ['ProcMount', 'procMount', 'core.ProcMountType'],
    ['SeccompProfile', 'seccompProfile', 'core.SeccompProfile'],
    ['AppArmorProfile', 'appArmorProfile', 'core.AppArmorProfile'],
  ];
  const text = fields.map(
    ([go, json, type]) => `${go}:${goPointer(type, sc[json] !== undefined && sc[json] !== null)}`,
  );
  return new GoValue(`core.SecurityContext{${text.join(', ')}}`);
}

/** ValidateSecurityContext for one container. */
export function validateContainerSecurityContext(
  securityContext: unknown,
  hostUsers: boolean,
  at: Path,
): FieldError[] {
  if (securityContext === undefined || securityContext === null) return [];
  const sc = rec(securityContext);
  const errs = ids(sc, ['runAsUser', 'runAsGroup'], at);
  const procMount = sc['procMount'];
  if (typeof procMount === 'string') {
    if (procMount !== 'Default' && procMount !== 'Unmasked') {
      errs.push(notSupported(at.child('procMount'), procMount, ['Default', 'Unmasked']));
    }
    if (hostUsers && procMount === 'Unmasked') {
      errs.push(invalid(at.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
    }
  }
  errs.push(...validateSeccomp(sc['seccompProfile'], at.child('seccompProfile')));
  if (sc['allowPrivilegeEscalation'] === false) {
    if (sc['privileged'] === true) {
      errs.push(
        invalid(
          at,
          goSecurityContext(sc),
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    }
    for (const cap of arr(rec(sc['capabilities'])['add'])) {
      if (cap === 'CAP_SYS_ADMIN') {
        errs.push(
          invalid(
            at,
            goSecurityContext(sc),
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
      }
    }
  }
  return errs;
}

/** validatePodSpecSecurityContext for the pod-level security context. */
export function validatePodSecurityContext(securityContext: unknown, at: Path): FieldError[] {
  if (securityContext === undefined || securityContext === null) return [];
  const sc = rec(securityContext);
  const errs = ids(sc, ['fsGroup', 'runAsUser', 'runAsGroup'], at);
  arr(sc['supplementalGroups']).forEach((g, i) => {
    if (typeof g === 'number')
      for (const m of isValidID(g)) errs.push(invalid(at.child('supplementalGroups').index(i), g, m));
  });
  const policy = sc['fsGroupChangePolicy'];
  if (typeof policy === 'string' && policy !== 'OnRootMismatch' && policy !== 'Always') {
    errs.push(notSupported(at.child('fsGroupChangePolicy'), policy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccomp(sc['seccompProfile'], at.child('seccompProfile')));
  return errs;
}
